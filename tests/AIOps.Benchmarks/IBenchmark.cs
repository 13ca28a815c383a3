namespace AIOps.Benchmarks;

/// <summary>One named command of the benchmark program; it starts what it needs and stops it before returning.</summary>
public interface IBenchmark
{
    /// <summary>The command name, e.g. <c>storage</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage message: what it measures and its options.</summary>
    string Usage { get; }

    /// <summary>Runs the benchmark, prints its table and ends with one <c>RESULT</c> line; returns the exit code.</summary>
    Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken);
}
