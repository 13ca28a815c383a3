using System.Net.Http.Headers;
using System.Net.Http.Json;
using AIOps.Incidents.Runbooks;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Runbooks;

/// <summary>Calls the configured integrations of notify and command steps over HTTP (never a local shell).</summary>
public sealed class RunbookIntegrations(HttpClient http, IOptions<RunbookOptions> options)
{
    /// <summary>POSTs the step as JSON to its integration; 2xx is success.</summary>
    public async Task<StepResult> CallAsync(PlannedStep step, string runbookId, string incidentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Integration is null || !options.Value.Integrations.TryGetValue(step.Integration, out var integration) || integration.Url is null)
        {
            return new StepResult(false, $"integration '{step.Integration}' is not configured (AIOps:Runbooks:Integrations:{step.Integration}:Url)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, integration.Url)
        {
            Content = JsonContent.Create(new
            {
                kind = step.Action,
                runbook = runbookId,
                incident = incidentId,
                step = step.Name,
                key = idempotencyKey,
                parameters = step.Parameters,
            }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (integration.Token is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var text = body.Length > 300 ? body[..300] : body;
            return response.IsSuccessStatusCode
                ? new StepResult(true, $"{step.Integration} answered {(int)response.StatusCode}{(text.Length > 0 ? $": {text}" : "")}")
                : new StepResult(false, $"{step.Integration} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return new StepResult(false, $"{step.Integration} unreachable: {e.Message}");
        }
    }
}
