using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Orchestration;

/// <summary>Everything a policy decision depends on, gathered before evaluation so the evaluation is a pure function.</summary>
/// <param name="Action">The proposed action.</param>
/// <param name="Agent">The proposing agent's configuration.</param>
/// <param name="Policy">Platform-wide rules.</param>
/// <param name="TargetEnvironments">Environment of each target resource (normalised, unknown ones included as the policy's unknown environment).</param>
/// <param name="BlastRadius">Resources touched, dependents included.</param>
/// <param name="Now">Evaluation time, for freeze windows.</param>
public sealed record PolicyInput(
    ProposedAction Action,
    AgentConfig Agent,
    PlatformPolicy Policy,
    IReadOnlyCollection<string> TargetEnvironments,
    int BlastRadius,
    DateTimeOffset Now);
