namespace AIOps.Incidents.Training;

/// <summary>How much simulated history <see cref="SimulationTrainingData.Generate"/> produces.</summary>
public sealed class SimulationTrainingOptions
{
    /// <summary>First estate seed; run <c>i</c> of a type uses seed <c>FirstSeed + i</c>, so targets and intensities differ per run.</summary>
    public ulong FirstSeed { get; set; } = 1000;

    /// <summary>Incidents simulated per scenario type.</summary>
    public int RunsPerType { get; set; } = 12;

    /// <summary>Resources per generated estate (at least 50).</summary>
    public int ResourceCount { get; set; } = 120;

    /// <summary>How long each incident is observed after its fault starts.</summary>
    public TimeSpan Observe { get; set; } = TimeSpan.FromMinutes(40);

    /// <summary>The scenario types to simulate; null for every type the simulation has.</summary>
    public IReadOnlyList<string>? Types { get; set; }

    /// <summary>Turns raw log messages into templates, most frequent first; null uses the online parser (<see cref="MinedTemplates.Of"/>).</summary>
    public Func<IEnumerable<string>, IReadOnlyList<string>>? Templates { get; set; }
}
