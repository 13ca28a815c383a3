using System.ComponentModel.DataAnnotations;

namespace AIOps.Grains.Execution;

/// <summary>
/// Retry, circuit-breaker and timeout settings for the external calls of action steps. The ranges are the ones
/// Polly accepts, checked here so that a bad setting names its key at start-up instead of failing the first action.
/// </summary>
public sealed class ActionRunnerOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AIOps:Execution";

    /// <summary>Retries after the first attempt of a step that failed transiently; 0 turns retries off.</summary>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; it doubles with every retry, with jitter so that actions retrying together spread out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of any one retry delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed calls to one integration, within <see cref="SamplingDuration"/>, that opens its circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls to one integration within <see cref="SamplingDuration"/> before its circuit may open at all.</summary>
    [Range(2, int.MaxValue)]
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Window over which <see cref="FailureRatio"/> is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit refuses calls before it lets one through to probe the integration.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one attempt of a step may take; a timed-out attempt counts as a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "1.00:00:00")]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < BaseDelay)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MaxDelay)} ({MaxDelay}) must not be below {nameof(BaseDelay)} ({BaseDelay}).", [nameof(MaxDelay)]);
        }
    }
}
