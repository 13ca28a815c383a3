namespace AIOps.Incidents.Training;

/// <summary>The model's input row: the evidence text and, when training, its type.</summary>
internal sealed class TextRow
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}
