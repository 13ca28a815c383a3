using System.Collections.Immutable;
using AIOps.Incidents.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AIOps.Incidents.Remediation;

/// <summary>
/// The remediation-success model: an ML.NET binary classifier (one-hot features of incident type, runbook, step
/// action, resource kind and environment, plus prior attempts, into SDCA logistic regression) that gives the
/// probability that a runbook action fixes the incident. Thread-safe.
/// </summary>
public sealed class RemediationModel
{
    /// <summary>The model's name in the <see cref="IModelStore"/>.</summary>
    public const string Name = "remediation-success";

    /// <summary>Trainer description stored with each version.</summary>
    public const string TrainerName = "OneHot(type,runbook,action,kind,environment)+PriorAttempts+SdcaLogisticRegression";

    private const int Seed = 17;
    private readonly MLContext _ml = new(Seed);
    private readonly ITransformer _model;
    private readonly PredictionEngine<Row, Prediction> _engine;
    private readonly Lock _gate = new();

    private RemediationModel(ITransformer model, ModelVersion? version)
    {
        _model = model;
        Version = version;
        _engine = _ml.Model.CreatePredictionEngine<Row, Prediction>(model);
    }

    /// <summary>The stored version this model was loaded from, or null if it was just trained.</summary>
    public ModelVersion? Version { get; }

    /// <summary>Probability that the action succeeds, between 0 and 1.</summary>
    public double Predict(RemediationFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        lock (_gate)
        {
            var p = _engine.Predict(Row.From(features, false)).Probability;
            return float.IsFinite(p) ? Math.Clamp(p, 0, 1) : 0.5;
        }
    }

    /// <summary>The model's bytes, for <see cref="IModelStore.SaveAsync"/>.</summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema;
        _ml.Model.Save(_model, schema, stream);
        return stream.ToArray();
    }

    /// <summary>Loads a stored version.</summary>
    public static RemediationModel Load(byte[] bytes, ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var ml = new MLContext(Seed);
        using var stream = new MemoryStream(bytes);
        return new RemediationModel(ml.Model.Load(stream, out _), version);
    }

    /// <summary>
    /// Trains on <paramref name="outcomes"/> (both successes and failures are needed) and measures it by
    /// <paramref name="folds"/>-fold cross-validation; the metrics report the classes <c>success</c> and <c>failure</c>.
    /// </summary>
    public static (RemediationModel Model, ModelMetrics Metrics) Train(IReadOnlyList<RemediationOutcome> outcomes, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var positives = outcomes.Count(o => o.Success);
        if (positives == 0 || positives == outcomes.Count || outcomes.Count < folds * 2)
        {
            throw new InvalidOperationException($"training needs successes and failures and at least {folds * 2} outcomes; got {outcomes.Count} with {positives} successes");
        }

        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(outcomes.Select(o => Row.From(o.Features, o.Success)).ToList());
        var pipeline = ml.Transforms.Categorical.OneHotEncoding([
                new InputOutputColumnPair("TypeKey", nameof(Row.IncidentType)),
                new InputOutputColumnPair("RunbookKey", nameof(Row.RunbookId)),
                new InputOutputColumnPair("ActionKey", nameof(Row.StepAction)),
                new InputOutputColumnPair("KindKey", nameof(Row.ResourceKind)),
                new InputOutputColumnPair("EnvironmentKey", nameof(Row.Environment)),
            ])
            .Append(ml.Transforms.Concatenate("Features", "TypeKey", "RunbookKey", "ActionKey", "KindKey", "EnvironmentKey", nameof(Row.PriorAttempts)))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Row.Label), featureColumnName: "Features"));

        var results = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: folds, labelColumnName: nameof(Row.Label), seed: Seed);
        var (tp, fp, tn, fn) = (0d, 0d, 0d, 0d);
        foreach (var fold in results)
        {
            var confusion = fold.Metrics.ConfusionMatrix;
            tp += confusion.Counts[0][0];
            fn += confusion.Counts[0][1];
            fp += confusion.Counts[1][0];
            tn += confusion.Counts[1][1];
        }

        var total = tp + fp + tn + fn;
        var success = new ClassMetrics("success", Ratio(tp, tp + fp), Ratio(tp, tp + fn), (int)(tp + fn));
        var failure = new ClassMetrics("failure", Ratio(tn, tn + fn), Ratio(tn, tn + fp), (int)(tn + fp));
        var metrics = new ModelMetrics(folds, Ratio(tp + tn, total), (success.Precision + failure.Precision) / 2, (success.Recall + failure.Recall) / 2, [success, failure]);
        return (new RemediationModel(pipeline.Fit(data), null), metrics);
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;

    private sealed class Row
    {
        public string IncidentType { get; set; } = "";

        public string RunbookId { get; set; } = "";

        public string StepAction { get; set; } = "";

        public string ResourceKind { get; set; } = "";

        public string Environment { get; set; } = "";

        public float PriorAttempts { get; set; }

        public bool Label { get; set; }

        public static Row From(RemediationFeatures f, bool label) => new()
        {
            IncidentType = f.IncidentType,
            RunbookId = f.RunbookId,
            StepAction = f.StepAction,
            ResourceKind = f.ResourceKind,
            Environment = f.Environment,
            PriorAttempts = Math.Min(f.PriorAttempts, 5),
            Label = label,
        };
    }

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }

        public float Score { get; set; }
    }
}
