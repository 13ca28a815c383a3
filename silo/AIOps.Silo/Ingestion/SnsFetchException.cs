namespace AIOps.Silo.Ingestion;

/// <summary>An allowed SNS URL (signing certificate, subscription confirmation) could not be fetched: worth a retry.</summary>
internal sealed class SnsFetchException(string message, Exception? inner = null) : Exception(message, inner);
