using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions.Incidents;
using AIOps.Incidents.Evidence;
using AIOps.Incidents.Models;
using AIOps.Incidents.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AIOps.Incidents.Classification;

/// <summary>
/// Classifies incidents by combining the catalog's pattern matches with the ML.NET model's probabilities. For each type
/// the two are combined as independent evidence, <c>1 - (1 - catalog)(1 - model)</c>. The model only knows the types
/// it was trained on, so its probabilities are scaled by how little the catalog points at a type outside them (an
/// expiring certificate must not become the model's nearest guess). The best combined score wins if it reaches
/// <see cref="ConfidentAt"/>; otherwise the incident is <see cref="Unknown"/> with confidence 0 and the guesses as
/// alternatives. Thread-safe: prediction engines are pooled.
/// </summary>
public sealed class IncidentClassifier
{
    /// <summary>The type of an incident neither the catalog nor the model is confident about.</summary>
    public const string Unknown = "unknown";

    /// <summary>The name of the incident-type model in the <see cref="IModelStore"/>.</summary>
    public const string ModelName = "incident-type";

    /// <summary>Combined score from which a type is reported rather than <see cref="Unknown"/>.</summary>
    public const double ConfidentAt = 0.5;

    private const int MaxAlternatives = 5;
    private readonly IncidentTypeCatalog _catalog;
    private readonly MLContext? _ml;
    private readonly ITransformer? _model;
    private readonly ImmutableArray<string> _classes = [];
    private readonly ConcurrentBag<PredictionEngine<TextRow, TextPrediction>> _engines = [];

    /// <summary>A classifier with the catalog only (no model trained yet).</summary>
    public IncidentClassifier(IncidentTypeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>A classifier with the catalog and a stored model version.</summary>
    public IncidentClassifier(IncidentTypeCatalog catalog, ModelVersion version, byte[] model)
        : this(catalog)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(model);
        ModelVersion = version;
        _ml = new MLContext(seed: 0);
        using var stream = new MemoryStream(model, writable: false);
        _model = _ml.Model.Load(stream, out _);
        var engine = _ml.Model.CreatePredictionEngine<TextRow, TextPrediction>(_model);
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema[nameof(TextPrediction.Score)].GetSlotNames(ref names);
        _classes = [.. names.DenseValues().Select(n => n.ToString())];
        _engines.Add(engine);
    }

    /// <summary>The model version in use, or null when only the catalog classifies.</summary>
    public ModelVersion? ModelVersion { get; }

    /// <summary>The types the model knows.</summary>
    public ImmutableArray<string> ModelClasses => _classes;

    /// <summary>The catalog with the newest stored model, or the catalog alone when none has been trained.</summary>
    public static async Task<IncidentClassifier> LoadAsync(IModelStore store, IncidentTypeCatalog? catalog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        catalog ??= IncidentTypeCatalog.Default;
        return await store.LoadLatestAsync(ModelName, cancellationToken) is { } latest
            ? new IncidentClassifier(catalog, latest.Version, latest.Model)
            : new IncidentClassifier(catalog);
    }

    /// <summary>The model's probability per type it knows, best first; empty without a model.</summary>
    public ImmutableArray<ClassScore> PredictWithModel(IncidentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (_model is null)
        {
            return [];
        }

        if (!_engines.TryTake(out var engine))
        {
            engine = _ml!.Model.CreatePredictionEngine<TextRow, TextPrediction>(_model);
        }

        try
        {
            var prediction = engine.Predict(new TextRow { Text = EvidenceText.For(evidence) });
            return [.. _classes.Select((c, i) => new ClassScore(c, prediction.Score[i])).OrderByDescending(s => s.Score)];
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>What type of incident this is, how sure, why, and the alternatives.</summary>
    public IncidentClassification Classify(IncidentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var matches = _catalog.Match(evidence);
        var model = PredictWithModel(evidence);
        var known = _classes.ToHashSet(StringComparer.Ordinal);
        var outside = model.IsEmpty ? 0 : matches.Where(m => !known.Contains(m.Type)).Select(m => m.Score).DefaultIfEmpty(0).Max();
        var catalogScore = matches.ToDictionary(m => m.Type, m => m.Score, StringComparer.Ordinal);
        var modelScore = model.ToDictionary(s => s.Type, s => s.Score * (1 - outside), StringComparer.Ordinal);
        var combined = catalogScore.Keys.Union(modelScore.Keys)
            .Select(t => new ClassScore(t, 1 - ((1 - catalogScore.GetValueOrDefault(t)) * (1 - modelScore.GetValueOrDefault(t)))))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Type, StringComparer.Ordinal)
            .ToList();
        var tag = model.IsEmpty ? null : ModelVersion!.Tag;
        var best = combined.FirstOrDefault();
        if (best is null || best.Score < ConfidentAt)
        {
            return new IncidentClassification(
                Unknown,
                0,
                model.IsEmpty ? "catalog" : "catalog+model",
                [.. combined.Take(MaxAlternatives)],
                best is null
                    ? "No known incident pattern matched" + (model.IsEmpty ? " and no model is trained yet." : " and the model saw nothing it knows.")
                    : $"Nothing is confident enough: the best guess, {best.Type}, scores {F(best.Score)} (below {F(ConfidentAt)}).",
                tag);
        }

        var c = catalogScore.GetValueOrDefault(best.Type);
        var m = modelScore.GetValueOrDefault(best.Type);
        var catalogAgrees = matches.Length > 0 && matches[0].Type == best.Type && c >= ReportedShare;
        var modelAgrees = model.Length > 0 && model[0].Type == best.Type && m >= ReportedShare;
        var method = catalogAgrees && modelAgrees ? "catalog+model" : c >= m ? "catalog" : "model";
        var reasons = new List<string>();
        if (matches.FirstOrDefault(x => x.Type == best.Type) is { } match)
        {
            reasons.Add("Catalog: " + match.Explanation);
        }

        if (m > 0)
        {
            reasons.Add($"Model {tag}: {best.Type} with probability {F(m)}" + (outside > 0 ? $" (scaled by {F(1 - outside)}: the catalog also points at a type the model does not know)." : "."));
        }

        return new IncidentClassification(
            best.Type,
            best.Score,
            method,
            [.. combined.Skip(1).Where(s => s.Score >= IncidentTypeCatalog.ReportThreshold).Take(MaxAlternatives)],
            string.Join(" ", reasons),
            m > 0 ? tag : null);
    }

    /// <summary>A source takes part in the method only if it gave the winner at least this much.</summary>
    private const double ReportedShare = 0.3;

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
