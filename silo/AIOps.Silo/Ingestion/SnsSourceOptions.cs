using AIOps.Abstractions;

namespace AIOps.Silo.Ingestion;

/// <summary>SNS settings of one ingestion source (<c>AIOps:Ingestion:Sns:Sources:&lt;source&gt;</c>).</summary>
public sealed class SnsSourceOptions
{
    /// <summary>Topics this source accepts messages from; empty accepts any topic (the signature is still checked).</summary>
    public List<string> TopicArns { get; set; } = [];

    /// <summary>Overrides <see cref="SnsOptions.DefaultSeverity"/> for this source.</summary>
    public Severity? DefaultSeverity { get; set; }
}
