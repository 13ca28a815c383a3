namespace AIOps.Grains.Execution;

/// <summary>
/// Lets an agent prefer its ML model and still decide when the model cannot: the rules decide instead, and the reason
/// says so, because a person approving the action should know that no model was involved.
/// </summary>
public static class ModelFallback
{
    /// <summary>
    /// Asks <paramref name="model"/>; if it throws <see cref="ModelUnavailableException"/> or returns null, asks
    /// <paramref name="rules"/>. Other exceptions from the model are bugs and propagate rather than hide behind the rules.
    /// </summary>
    public static async Task<FallbackDecision<T>> DecideAsync<T>(
        string modelName,
        Func<CancellationToken, Task<T?>> model,
        Func<CancellationToken, Task<T>> rules,
        CancellationToken cancellationToken = default)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);
        string why;
        try
        {
            var decision = await model(cancellationToken);
            if (decision is not null)
            {
                return new FallbackDecision<T>(decision, DecisionSource.Model, $"decided by model '{modelName}'");
            }

            why = "it gave no decision";
        }
        catch (ModelUnavailableException e)
        {
            why = e.Message.TrimEnd('.');
        }

        var fallback = await rules(cancellationToken);
        return new FallbackDecision<T>(fallback, DecisionSource.Rules, $"model '{modelName}' unavailable ({why}); used rule-based decision");
    }

    /// <summary>The same for synchronous decision logic, e.g. an in-process ML.NET prediction engine and plain rules.</summary>
    public static FallbackDecision<T> Decide<T>(string modelName, Func<T?> model, Func<T> rules)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);

        // Both delegates complete synchronously, so the task is already finished and nothing blocks.
        var task = DecideAsync(modelName, _ => Task.FromResult(model()), _ => Task.FromResult(rules()));
        return task.GetAwaiter().GetResult();
    }
}
