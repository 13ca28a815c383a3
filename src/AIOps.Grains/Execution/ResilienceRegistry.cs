using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace AIOps.Grains.Execution;

/// <summary>
/// One resilience pipeline per integration (retry with exponential backoff and jitter, then a circuit breaker, then a
/// per-attempt timeout). Keep one instance per silo: the breaker is what stops every action from hammering a dead API,
/// so it must be shared by all actions that call that API.
/// </summary>
public sealed class ResilienceRegistry : IDisposable
{
    /// <summary>Lets one execution hear about its own retries through a pipeline that all executions share.</summary>
    internal static readonly ResiliencePropertyKey<Func<int, TimeSpan, Exception?, ValueTask>> RetryListener = new("aiops.execution.retry-listener");

    private readonly ActionRunnerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    // Lazy: the registry may build a pipeline twice under contention, and a state provider can watch only one breaker.
    private readonly ConcurrentDictionary<string, Lazy<Circuit>> _circuits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ResiliencePipeline _local;

    /// <summary>Creates the registry; invalid options throw here, naming the setting.</summary>
    public ResilienceRegistry(IOptions<ActionRunnerOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options.Value;
        Validator.ValidateObject(_options, new ValidationContext(_options), validateAllProperties: true);
        _clock = clock;
        var local = new ResiliencePipelineBuilder { TimeProvider = clock };
        Configure(local, breaker: null);
        _local = local.Build();
    }

    /// <summary>
    /// Whether an exception is worth retrying: <see cref="TransientStepException"/>, <see cref="TimeoutException"/>, a
    /// timed-out attempt, and an <see cref="HttpRequestException"/> without a status or with 408, 429 or 5xx (a 4xx
    /// will fail the same way again).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TransientStepException or TimeoutException or TimeoutRejectedException => true,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>The pipeline for steps calling <paramref name="integration"/>; null or blank gives one without a breaker.</summary>
    public ResiliencePipeline GetPipeline(string? integration) =>
        string.IsNullOrWhiteSpace(integration) ? _local : CircuitFor(integration.Trim()).Pipeline;

    /// <summary>The state of the integration's circuit, or null if no step has called it yet.</summary>
    public CircuitState? GetCircuitState(string integration) =>
        _circuits.TryGetValue(integration.Trim(), out var circuit) && circuit.IsValueCreated ? circuit.Value.State.CircuitState : null;

    /// <inheritdoc />
    public void Dispose() => _registry.Dispose();

    private Circuit CircuitFor(string integration) =>
        _circuits.GetOrAdd(integration, key => new Lazy<Circuit>(() =>
        {
            var state = new CircuitBreakerStateProvider();
            var pipeline = _registry.GetOrAddPipeline(key, builder =>
            {
                builder.TimeProvider = _clock;
                Configure(builder, state);
            });
            return new Circuit(pipeline, state);
        })).Value;

    private void Configure(ResiliencePipelineBuilder builder, CircuitBreakerStateProvider? breaker)
    {
        // Retry wraps the breaker, so every attempt counts towards opening it and an open circuit ends the retries at once
        // (BrokenCircuitException is not transient); the timeout is innermost, so it limits each attempt, not the whole step.
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                OnRetry = args => args.Context.Properties.TryGetValue(RetryListener, out var listener)
                    ? listener(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception)
                    : ValueTask.CompletedTask,
            });
        }

        if (breaker is not null)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                FailureRatio = _options.FailureRatio,
                MinimumThroughput = _options.MinimumThroughput,
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = breaker,
            });
        }

        builder.AddTimeout(_options.StepTimeout);
    }

    private sealed record Circuit(ResiliencePipeline Pipeline, CircuitBreakerStateProvider State);
}
