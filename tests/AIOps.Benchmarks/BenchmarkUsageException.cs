namespace AIOps.Benchmarks;

/// <summary>A bad command line: the runner prints the message and the usage and exits with 2.</summary>
public sealed class BenchmarkUsageException(string message) : Exception(message);
