namespace AIOps.Incidents.Models;

/// <summary>Where trained models live, each version with its metrics: in memory in the embedded mode, PostgreSQL in the durable one.</summary>
public interface IModelStore
{
    /// <summary>Stores a new version of <paramref name="name"/> (the next number) and returns its metadata.</summary>
    Task<ModelVersion> SaveAsync(string name, ReadOnlyMemory<byte> model, string trainer, int examples, ModelMetrics metrics, CancellationToken cancellationToken = default);

    /// <summary>The newest version of <paramref name="name"/> and its bytes, or null if none was trained.</summary>
    Task<(ModelVersion Version, byte[] Model)?> LoadLatestAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every version of <paramref name="name"/>, newest first (metadata only).</summary>
    Task<IReadOnlyList<ModelVersion>> ListAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The newest version of every model name, ordered by name (metadata only).</summary>
    Task<IReadOnlyList<ModelVersion>> ListLatestAsync(CancellationToken cancellationToken = default);
}
