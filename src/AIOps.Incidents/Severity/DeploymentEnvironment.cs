namespace AIOps.Incidents.Impact;

/// <summary>Where the affected resources run, as far as severity is concerned.</summary>
public enum DeploymentEnvironment
{
    /// <summary>No environment tag or label was found: treated almost like production (under-paging is the worse mistake).</summary>
    Unknown,

    /// <summary>Serves real users or money (<c>prod</c>, <c>production</c>, <c>prd</c>, <c>live</c>).</summary>
    Production,

    /// <summary>Pre-production (<c>staging</c>, <c>stage</c>, <c>stg</c>, <c>preprod</c>, <c>uat</c>).</summary>
    Staging,

    /// <summary>Development and test (<c>dev</c>, <c>development</c>, <c>test</c>, <c>qa</c>, <c>sandbox</c>).</summary>
    Development,
}
