using System.Collections.Immutable;

namespace AIOps.Incidents.Models;

/// <summary>One trained version of a model, with the quality it was measured at when it was trained.</summary>
/// <param name="Name">Model name, e.g. <c>incident-type</c>, <c>remediation-success</c>.</param>
/// <param name="Version">1, 2, ... per name.</param>
/// <param name="TrainedAt">When it was trained.</param>
/// <param name="Trainer">The ML.NET trainer and features, e.g. <c>FeaturizeText+SdcaMaximumEntropy</c>.</param>
/// <param name="Examples">Number of training examples.</param>
/// <param name="Metrics">Cross-validated metrics.</param>
public sealed record ModelVersion(string Name, int Version, DateTimeOffset TrainedAt, string Trainer, int Examples, ModelMetrics Metrics)
{
    /// <summary>The version as others cite it, e.g. <c>incident-type@3</c>.</summary>
    public string Tag => $"{Name}@{Version}";
}

/// <summary>Cross-validated quality of a model version.</summary>
/// <param name="Folds">Number of cross-validation folds.</param>
/// <param name="Accuracy">Micro accuracy over all folds.</param>
/// <param name="MacroPrecision">Mean of the per-class precisions.</param>
/// <param name="MacroRecall">Mean of the per-class recalls.</param>
/// <param name="Classes">Per-class precision and recall.</param>
public sealed record ModelMetrics(int Folds, double Accuracy, double MacroPrecision, double MacroRecall, ImmutableArray<ClassMetrics> Classes);

/// <summary>Precision and recall of one class.</summary>
/// <param name="Label">The class.</param>
/// <param name="Precision">Of the examples predicted as this class, the share that were.</param>
/// <param name="Recall">Of the examples of this class, the share predicted as it.</param>
/// <param name="Support">Examples of this class.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, int Support);
