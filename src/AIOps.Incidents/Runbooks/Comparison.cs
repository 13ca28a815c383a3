namespace AIOps.Incidents.Runbooks;

/// <summary>A comparison of a metric value with a threshold.</summary>
public enum Comparison
{
    /// <summary><c>&lt;</c></summary>
    Below = 0,

    /// <summary><c>&lt;=</c></summary>
    AtMost = 1,

    /// <summary><c>&gt;</c></summary>
    Above = 2,

    /// <summary><c>&gt;=</c></summary>
    AtLeast = 3,

    /// <summary><c>==</c></summary>
    Equal = 4,
}
