using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Alerts;
using AIOps.Silo.Identity;
using AIOps.Silo.Ingestion;
using Microsoft.AspNetCore.Authorization;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// Ingestion from alert sources, authenticated per source (token or HMAC, see <see cref="IngestionSources"/>), not by
/// user tokens. <c>POST /api/ingest/{source}/events</c> takes platform events; the source is stamped on each.
/// </summary>
public static class IngestionEndpoints
{
    /// <summary>Largest batch accepted in one request.</summary>
    public const int MaxBatch = 1000;

    /// <summary>The policy every ingestion endpoint uses.</summary>
    public static readonly AuthorizationPolicy SourcePolicy = new AuthorizationPolicyBuilder(IngestionAuthenticationHandler.SchemeName)
        .RequireClaim(IngestionAuthenticationHandler.SourceClaim)
        .Build();

    /// <summary>Maps <c>/api/ingest/{source}</c>.</summary>
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/ingest/{source}").WithTags("Ingestion").RequireAuthorization(SourcePolicy);
        group.MapPost("/events", async (string source, ImmutableArray<IngestedEvent>? events, IGrainFactory grains, HttpContext http, TimeProvider clock) =>
        {
            var batch = events ?? throw new ValidationException("body", "is required: a JSON array of events");
            if (batch.Length is 0 or > MaxBatch)
            {
                http.Items[IngestionCountersMiddleware.RejectionReasonItem] = batch.Length == 0 ? null : "over-limit";
                throw new ValidationException("body", $"must hold 1 to {MaxBatch} events");
            }

            // Alerts go through the intake (stored, de-duplicated, correlated); other events straight to the router.
            var systemEvents = batch.Select((e, i) => e.ToSystemEvent(source, i)).ToList();
            var alerts = systemEvents.Where(AlertIntakeNotifications.IsAlert).ToList();
            var stored = await RouteAsync(http, alerts, clock);
            // Kubernetes events and log lines are also the context the correlator reads (templates, changes, warnings).
            var context = systemEvents.Where(e => e.Type is EventTypes.KubernetesEvent or EventTypes.LogLine).ToImmutableArray();
            if (!context.IsEmpty)
            {
                await grains.GetGrain<IAlertCorrelatorGrain>(IAlertCorrelatorGrain.Key).ObserveContextAsync(context);
            }

            var router = grains.GetGrain<IEventRouterGrain>(0);
            var routed = new List<IngestResult>(systemEvents.Count);
            var nextAlert = 0;
            foreach (var systemEvent in systemEvents)
            {
                routed.Add(AlertIntakeNotifications.IsAlert(systemEvent) ? stored[nextAlert++] : new IngestResult(systemEvent.Id, await router.RouteEventAsync(systemEvent)));
            }

            return Results.Accepted(value: routed);
        });
        group.MapPost("/alertmanager", async (string source, HttpContext http, TimeProvider clock) =>
            {
                var webhook = await AlertmanagerBodies.ReadWebhookAsync(http.Request, http.RequestAborted);
                var alerts = webhook.Alerts ?? throw new ValidationException("alerts", "is required");
                return Results.Accepted(value: await AcceptAlertmanagerAsync(http, source, alerts, "alerts", webhook.GroupKey, AlertFormats.WebhookContext(webhook), clock, results: true));
            })
            .Accepts<AlertmanagerWebhook>("application/json")
            .WithDescription("Alertmanager webhook receiver (payload version 4).");
        group.MapPost("/api/v2/alerts", async (string source, HttpContext http, TimeProvider clock) =>
            {
                var alerts = await AlertmanagerBodies.ReadAlertsAsync(http.Request, http.RequestAborted);
                await AcceptAlertmanagerAsync(http, source, alerts, "", null, ImmutableDictionary<string, string>.Empty, clock, results: false);
                return Results.Ok();
            })
            .Accepts<ImmutableArray<AlertmanagerAlert>>("application/json")
            .WithDescription("Alertmanager API v2 alerts, so Prometheus can send here directly (alerting.alertmanagers with path_prefix /api/ingest/{source}).");
        group.MapPost("/pagerduty", async (string source, PagerDutyEvent? pagerDuty, HttpContext http, TimeProvider clock) =>
        {
            var systemEvent = AlertFormats.FromPagerDuty(source, pagerDuty, clock.GetUtcNow());
            await RouteAsync(http, [systemEvent], clock);
            return Results.Accepted(value: new { status = "success", message = "Event processed", dedup_key = systemEvent.CorrelationId });
        }).WithDescription("Generic webhook in the PagerDuty Events v2 shape.");
        group.MapPost("/cloudwatch", async (string source, HttpRequest request, SnsReceiver sns, TimeProvider clock, CancellationToken cancel) =>
        {
            var receipt = await sns.ReceiveAsync(source, request, cancel);
            return receipt.Answer ?? Results.Accepted(value: await RouteAsync(request.HttpContext, receipt.Events, clock));
        }).Accepts<string>(isOptional: true, "text/plain", "application/json", "*/*")
            .WithDescription("CloudWatch alarms through an Amazon SNS HTTP(S) subscription (https://<source>:<token>@host/api/ingest/<source>/cloudwatch): the SNS signature is verified, subscriptions are confirmed, ALARM/OK/INSUFFICIENT_DATA become alert events. See docs/ingestion.md.");
        endpoints.MapAlertIntakeEndpoints();
        return endpoints;
    }

    /// <summary>
    /// Stores alerts through the silo's <see cref="AlertIntake"/> (group-committed with concurrent requests); returns once
    /// they are stored. <paramref name="verbatim"/> are the alerts as Alertmanager sent them, in the same order.
    /// </summary>
    private static async Task<IReadOnlyList<IngestResult>> RouteAsync(HttpContext http, IReadOnlyList<SystemEvent> events, TimeProvider clock)
    {
        ThrowIfOverLimit(http, events.Count);
        var receivedAt = clock.GetUtcNow();
        var notifications = events.Select(e => AlertIntakeNotifications.From(e, receivedAt)).ToList();
        var changes = await http.RequestServices.GetRequiredService<AlertIntake>().AcceptAsync(notifications, http.RequestAborted);
        return [.. events.Select((e, i) => new IngestResult(e.Id, [], changes[i]))];
    }

    /// <summary>
    /// Stores Alertmanager's alerts: all are checked first (one bad alert refuses the request), exact repeats of
    /// states this silo stored are answered from memory, the rest become events and are group-committed.
    /// </summary>
    private static async Task<IReadOnlyList<IngestResult>> AcceptAlertmanagerAsync(
        HttpContext http, string source, IReadOnlyList<ReceivedAlert> alerts, string path, string? groupKey, ImmutableDictionary<string, string> context, TimeProvider clock, bool results)
    {
        ThrowIfOverLimit(http, alerts.Count);
        var now = clock.GetUtcNow();
        var checkedAlerts = new CheckedAlert[alerts.Count];
        for (var i = 0; i < alerts.Count; i++)
        {
            checkedAlerts[i] = AlertFormats.Check(alerts[i], path, i, now);
        }

        var intake = http.RequestServices.GetRequiredService<AlertIntake>();
        var changes = new AlertChange[alerts.Count];
        var toWrite = new List<AlertNotification>();
        var written = new List<int>();
        for (var i = 0; i < checkedAlerts.Length; i++)
        {
            var alert = checkedAlerts[i];
            if (intake.TryRepeat(source, alert, now))
            {
                changes[i] = AlertChange.Repeat;
                continue;
            }

            toWrite.Add(AlertIntakeNotifications.From(AlertFormats.FromAlert(source, alert, groupKey, context, now), alert, now));
            written.Add(i);
        }

        intake.CountRepeats(source, alerts.Count - toWrite.Count);
        if (toWrite.Count > 0)
        {
            var stored = await intake.AcceptAsync(toWrite, http.RequestAborted);
            for (var j = 0; j < written.Count; j++)
            {
                changes[written[j]] = stored[j];
            }
        }

        return results ? [.. checkedAlerts.Select((a, i) => new IngestResult(AlertFormats.EventId(source, a), [], changes[i]))] : [];
    }

    private static void ThrowIfOverLimit(HttpContext http, int count)
    {
        if (count > MaxBatch)
        {
            http.Items[IngestionCountersMiddleware.RejectionReasonItem] = "over-limit";
            throw new ValidationException("alerts", $"must hold at most {MaxBatch} alerts");
        }
    }

    /// <summary>An event as a source posts it; id and timestamp are filled in when missing.</summary>
    /// <param name="Id">The source's event id (the de-duplication key); a new one when missing.</param>
    /// <param name="Type">Dotted type, e.g. <c>alert.firing</c>.</param>
    /// <param name="Severity">How bad it is.</param>
    /// <param name="Data">Flat key/value payload.</param>
    /// <param name="Timestamp">When it happened; now when missing.</param>
    /// <param name="CorrelationId">Groups related events.</param>
    /// <param name="ResourceId">The managed resource it concerns.</param>
    public sealed record IngestedEvent(
        string? Id,
        string? Type,
        Severity? Severity,
        ImmutableDictionary<string, string>? Data,
        DateTimeOffset? Timestamp,
        string? CorrelationId,
        string? ResourceId)
    {
        internal SystemEvent ToSystemEvent(string source, int index) => new(
            string.IsNullOrWhiteSpace(Id) ? $"{source}-{Guid.CreateVersion7():N}" : $"{source}:{Id}",
            string.IsNullOrWhiteSpace(Type) ? throw new ValidationException($"[{index}].type", "is required") : Type,
            source,
            Severity ?? Abstractions.Severity.Medium,
            Data ?? ImmutableDictionary<string, string>.Empty,
            Timestamp ?? DateTimeOffset.UtcNow,
            CorrelationId,
            ResourceId);
    }

    /// <summary>What happened to one ingested event.</summary>
    /// <param name="Id">The event id on the platform.</param>
    /// <param name="Agents">The agents a non-alert event was routed to; alerts reach the agents through the correlator, after this answer.</param>
    /// <param name="Change">For an alert: what it changed in the alert store (firing, resolved, repeat).</param>
    public sealed record IngestResult(string Id, IReadOnlyList<string> Agents, AlertChange? Change = null);

}
