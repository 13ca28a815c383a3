namespace AIOps.Incidents.Runbooks;

/// <summary>Which series a verification reads.</summary>
public enum VerifyScope
{
    /// <summary>The target's own series.</summary>
    Target = 0,

    /// <summary>The series of every resource the target depends on that reports the metric.</summary>
    Dependencies = 1,
}
