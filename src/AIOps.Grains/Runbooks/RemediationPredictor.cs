using AIOps.Incidents.Models;
using AIOps.Incidents.Remediation;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// The remediation-success model in service: loads the newest version from the <see cref="IModelStore"/>, trains the
/// cold-start version (built-in runbooks against simulated faults) when there is none, and retrains on the recorded
/// outcomes of real executions (kept in the <see cref="IRemediationOutcomeStore"/>, so they outlive the process and
/// every silo's count) every <see cref="RetrainEvery"/> new outcomes.
/// </summary>
public sealed class RemediationPredictor(IModelStore store, IRemediationOutcomeStore outcomeStore, TimeProvider clock)
{
    /// <summary>New outcomes between retrainings.</summary>
    public const int RetrainEvery = 20;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RemediationOutcome> _coldStart = [];
    private RemediationModel? _model;
    private int _sinceTraining;

    /// <summary>The version in use, once loaded or trained.</summary>
    public ModelVersion? Version { get; private set; }

    /// <summary>Probability that the action succeeds.</summary>
    public async Task<double> PredictAsync(RemediationFeatures features, CancellationToken cancellationToken = default)
    {
        var model = await EnsureAsync(cancellationToken);
        return model.Predict(features);
    }

    /// <summary>Records the outcomes of an execution; retrains when enough have come in since the model in use was trained.</summary>
    public async Task RecordAsync(IEnumerable<RemediationOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        List<RemediationOutcome> recorded = [.. outcomes];
        await outcomeStore.AppendAsync(recorded, clock.GetUtcNow(), cancellationToken);
        await EnsureAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _sinceTraining += recorded.Count;
            if (_sinceTraining >= RetrainEvery)
            {
                await TrainLockedAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads or trains the model.</summary>
    public async Task<RemediationModel> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (_model is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_model is null && await store.LoadLatestAsync(RemediationModel.Name, cancellationToken) is { } stored)
            {
                _model = RemediationModel.Load(stored.Model, stored.Version);
                Version = stored.Version;
                _sinceTraining = await outcomeStore.CountSinceAsync(stored.Version.TrainedAt, cancellationToken);
            }

            if (_model is null)
            {
                await TrainLockedAsync(cancellationToken);
            }

            return _model!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task TrainLockedAsync(CancellationToken cancellationToken)
    {
        if (_coldStart.Count == 0)
        {
            _coldStart.AddRange(await Task.Run(() => RemediationColdStart.GenerateAsync(), cancellationToken));
        }

        var data = _coldStart.Concat(await outcomeStore.ListAsync(cancellationToken)).ToList();
        var (model, metrics) = await Task.Run(() => RemediationModel.Train(data), cancellationToken);
        Version = await store.SaveAsync(RemediationModel.Name, model.Serialize(), RemediationModel.TrainerName, data.Count, metrics, cancellationToken);
        _model = model;
        _sinceTraining = 0;
    }
}
