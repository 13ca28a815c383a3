using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>What storing one <see cref="AlertWrite"/> did.</summary>
/// <param name="Change">What it changed.</param>
/// <param name="Inserted">True when the alert was new to the store.</param>
/// <param name="Version">The row's version after the write; marking it delivered names this version.</param>
/// <param name="Applied">True when the write's values are the row's now (false for a stale notification).</param>
public readonly record struct AlertOutcome(AlertChange Change, bool Inserted, long Version, bool Applied = true);
