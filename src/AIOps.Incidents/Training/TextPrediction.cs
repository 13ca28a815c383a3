namespace AIOps.Incidents.Training;

/// <summary>The model's output row: the predicted type and a probability per type (in the order of the Score slot names).</summary>
internal sealed class TextPrediction
{
    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}
