namespace AIOps.Incidents.Models;

/// <summary>Models kept in process memory (the embedded mode): lost on restart, retrained at start.</summary>
public sealed class InMemoryModelStore(TimeProvider clock) : IModelStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(ModelVersion Version, byte[] Model)>> _models = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<ModelVersion> SaveAsync(string name, ReadOnlyMemory<byte> model, string trainer, int examples, ModelMetrics metrics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(metrics);
        lock (_gate)
        {
            if (!_models.TryGetValue(name, out var versions))
            {
                _models[name] = versions = [];
            }

            var version = new ModelVersion(name, versions.Count + 1, clock.GetUtcNow(), trainer, examples, metrics);
            versions.Add((version, model.ToArray()));
            return Task.FromResult(version);
        }
    }

    /// <inheritdoc />
    public Task<(ModelVersion Version, byte[] Model)?> LoadLatestAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<(ModelVersion, byte[])?>(_models.TryGetValue(name, out var versions) && versions.Count > 0 ? versions[^1] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersion>> ListAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ModelVersion>>(
                _models.TryGetValue(name, out var versions) ? [.. versions.Select(v => v.Version).Reverse()] : []);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersion>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ModelVersion>>(
                [.. _models.Where(m => m.Value.Count > 0).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value[^1].Version)]);
        }
    }
}
