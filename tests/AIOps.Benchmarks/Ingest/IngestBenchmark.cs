using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AIOps.Testing;

namespace AIOps.Benchmarks.Ingest;

/// <summary>
/// <c>ingest</c>: the same storm of Alertmanager API v2 alerts (mostly repeats, some resolving and firing again), in
/// the same request batches and with the same client concurrency, to a real Alertmanager and to AIOps in durable mode
/// (a silo process on a throwaway PostgreSQL with fsync on: every accepted alert is committed before its 2xx), in
/// rounds alternating between the two; prints every round's accepted alerts/s, each target's median and their ratio;
/// then offers AIOps a fixed rate with new alerts mixed in and measures the delay from sending an alert to the
/// live-feed incident update that names its resource.
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    private const string Source = "bench";
    private const string SourceToken = "bench-source-token-0123456789";

    /// <inheritdoc />
    public string Name => "ingest";

    /// <inheritdoc />
    public string Usage => IngestOptions.Usage;

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        var o = IngestOptions.From(args);
        Console.WriteLine(
            $"ingest: {o.Alerts} distinct alerts, {o.Requests} requests of {o.Batch} alerts per target at concurrency {o.Concurrency}; " +
            $"then {o.Rate} alerts/s for {o.LatencySeconds} s with {o.NewPerSecond} new alerts/s; a firing alert's notification resolves it {o.ResolvePercent}% of the time; {Environment.ProcessorCount} CPUs");
        await using var postgres = await PostgresServer.StartAsync(fsync: o.Fsync);
        var db = await postgres.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(db, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__AIOps.Grains.Alerts.AlertCorrelatorGrain"] = "Information",
            ["Logging__LogLevel__AIOps.Silo.Ingestion.AlertIntake"] = "Information",
            ["Simulation__Enabled"] = "false",
            [$"AIOps__Ingestion__Sources__{Source}__Token"] = SourceToken,
        });
        await using var alertmanager = await AlertmanagerServer.StartAsync(groupWait: TimeSpan.FromSeconds(30), groupInterval: TimeSpan.FromMinutes(5));
        Console.WriteLine($"started: PostgreSQL (fsync {(o.Fsync ? "on" : "OFF: not a durable figure")}), durable silo process (HTTP port {silo.HttpPort}), Alertmanager (port {alertmanager.Port})");

        var storm = new AlertStorm(o.Alerts, DateTimeOffset.UtcNow, o.ResolvePercent);
        var warmUp = Enumerable.Range(0, Math.Max(o.Requests, o.Concurrency)).Select(_ => storm.NextBody(o.Batch)).ToArray();
        using var toAlertmanager = Client(new Uri(alertmanager.BaseAddress, "api/v2/alerts"), null, o.Concurrency);
        using var toAIOps = Client(new Uri(silo.BaseAddress, $"/api/ingest/{Source}/api/v2/alerts"), SourceToken, o.Concurrency);

        await SendAllAsync(toAlertmanager, warmUp, o.Concurrency, cancellationToken);
        await SendAllAsync(toAIOps, warmUp, o.Concurrency, cancellationToken);

        // Rounds alternate between the targets, each round's bodies going to both, so a passing disturbance on the
        // shared machine (a collection, a checkpoint) costs one round of one target, not the comparison: medians count.
        var amRuns = new List<LoadResult>();
        var aiopsRuns = new List<LoadResult>();
        var dbBefore = await DatabaseWorkAsync(db);
        var siloCpu = TimeSpan.Zero;
        for (var round = 0; round < o.Rounds; round++)
        {
            var bodies = Enumerable.Range(0, o.Requests).Select(_ => storm.NextBody(o.Batch)).ToArray();
            amRuns.Add(await SendAllAsync(toAlertmanager, bodies, o.Concurrency, cancellationToken));
            var cpuBefore = silo.ProcessorTime;
            aiopsRuns.Add(await SendAllAsync(toAIOps, bodies, o.Concurrency, cancellationToken));
            siloCpu += silo.ProcessorTime - cpuBefore;
        }

        var dbAfter = await DatabaseWorkAsync(db);
        var alerts = (double)o.Requests * o.Batch;
        var (amRate, aiopsRate) = (Median(amRuns.Select(r => alerts / r.Elapsed.TotalSeconds)), Median(aiopsRuns.Select(r => alerts / r.Elapsed.TotalSeconds)));
        var (am, aiops) = (LoadResult.Combine(amRuns), LoadResult.Combine(aiopsRuns));
        Console.WriteLine($"alerts/s per round: alertmanager {string.Join(", ", amRuns.Select(r => ResultLine.Number(alerts / r.Elapsed.TotalSeconds, 0)))}; " +
            $"aiops {string.Join(", ", aiopsRuns.Select(r => ResultLine.Number(alerts / r.Elapsed.TotalSeconds, 0)))} (medians compared)");

        // Repeats are counted in memory and stored by the next repeat flush (about a second): wait for every notification sent.
        var sent = (long)(warmUp.Length + (o.Requests * o.Rounds)) * o.Batch;
        var stored = await StoredAsync(db);
        for (var wait = 0; wait < 50 && stored.Notifications < sent; wait++)
        {
            await Task.Delay(100, cancellationToken);
            stored = await StoredAsync(db);
        }

        new ResultTable("target", "alerts", "seconds", "median alerts/s", "requests/s", "p50 ms", "p99 ms")
            .Add("alertmanager", Count(alerts * o.Rounds), ResultLine.Number(am.Elapsed.TotalSeconds, 2), ResultLine.Number(amRate, 0), ResultLine.Number(am.PerSecond, 0), ResultLine.Number(am.Percentile(50)), ResultLine.Number(am.Percentile(99)))
            .Add("aiops (durable)", Count(alerts * o.Rounds), ResultLine.Number(aiops.Elapsed.TotalSeconds, 2), ResultLine.Number(aiopsRate, 0), ResultLine.Number(aiops.PerSecond, 0), ResultLine.Number(aiops.Percentile(50)), ResultLine.Number(aiops.Percentile(99)))
            .Print();
        Console.WriteLine($"ratio aiops/alertmanager {ResultLine.Number(aiopsRate / amRate, 2)}; silo CPU {ResultLine.Number(siloCpu.TotalSeconds / aiops.Elapsed.TotalSeconds, 2)} cores during its run; " +
            $"aiops_alerts holds {stored.Rows} alerts with {stored.Notifications} of the {sent} notifications sent ({stored.Pending} changes still pending delivery)");
        Console.WriteLine($"cores busy, machine / load generator: alertmanager run {Cores(am, am.Cpu.MachineBusy)} / {Cores(am, am.Cpu.Process)}, " +
            $"aiops run {Cores(aiops, aiops.Cpu.MachineBusy)} / {Cores(aiops, aiops.Cpu.Process)}");

        Console.WriteLine("database work during the aiops run (rows written, by table): " + string.Join(", ", dbAfter
            .Select(t => (t.Key, Rows: t.Value - dbBefore.GetValueOrDefault(t.Key)))
            .Where(t => t.Rows > 0)
            .OrderByDescending(t => t.Rows)
            .Select(t => $"{t.Key} {t.Rows}")));

        var (p50, p99, note) = await MeasureFeedAsync(silo, toAIOps, storm, o, cancellationToken);
        foreach (var line in silo.Output.Split('\n').Where(l => l.Contains("was slow", StringComparison.Ordinal)).TakeLast(6))
        {
            Console.WriteLine("silo: " + line.Trim());
        }
        Console.WriteLine($"live feed: alert sent -> incident update p50 {p50} ms, p99 {p99} ms{note}");
        await silo.StopAsync();
        ResultLine.Write(
            Name,
            ("aiops_alerts_per_s", ResultLine.Number(aiopsRate, 0)),
            ("alertmanager_alerts_per_s", ResultLine.Number(amRate, 0)),
            ("ratio", ResultLine.Number(aiopsRate / amRate, 2)),
            ("p99_ms", p99));
        return 0;
    }

    private static async Task<(string P50, string P99, string Note)> MeasureFeedAsync(
        SiloProcess silo, HttpClient client, AlertStorm storm, IngestOptions o, CancellationToken cancellationToken)
    {
        await using var probe = await IncidentFeedProbe.ConnectAsync(silo, cancellationToken);
        var requestsPerSecond = Math.Max(1, o.Rate / o.Batch);
        var total = requestsPerSecond * o.LatencySeconds;
        var newPerRequest = (double)o.NewPerSecond / requestsPerSecond;
        var bodies = new List<(byte[] Body, string[] New)>(total);
        var made = 0.0;
        for (var i = 0; i < total; i++)
        {
            var target = (int)((i + 1) * newPerRequest);
            var fresh = Enumerable.Range((int)made, target - (int)made).Select(n => $"k8s:bench:pod/latency/p-{n:D5}").ToArray();
            made = target;
            bodies.Add((storm.BodyWithNew(fresh, o.Batch), fresh));
        }

        var interval = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
        var start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        var failed = 0;
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var (body, fresh) = bodies[i];
            var sentAt = Stopwatch.GetTimestamp();
            foreach (var resource in fresh)
            {
                probe.Sending(resource, sentAt);
            }

            inFlight.Add(Task.Run(async () =>
            {
                using var response = await client.PostAsync((Uri?)null, Content(body), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(inFlight);
        var offered = total * o.Batch / clock.Elapsed.TotalSeconds;

        // Incident updates for the last alerts are still on their way.
        var last = -1L;
        for (var wait = 0; wait < 10 && probe.Updates != last; wait++)
        {
            last = probe.Updates;
            await Task.Delay(500, cancellationToken);
        }

        var slowest = probe.Measured.OrderByDescending(m => m.Delay).Take(3)
            .Select(m => $"{m.Resource} sent at {ResultLine.Number(TimeSpan.FromTicks((long)((m.SentAt - start) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency))).TotalSeconds, 2)} s: {ResultLine.Number(m.Delay.TotalMilliseconds)} ms");
        Console.WriteLine($"slowest incident updates: {string.Join("; ", slowest)}");
        Console.WriteLine($"offered {ResultLine.Number(offered, 0)} alerts/s for {ResultLine.Number(clock.Elapsed.TotalSeconds, 1)} s ({failed} failed requests); " +
            $"{probe.Sent} new alerts sent, {probe.Delays.Count} of them reached an incident update, {probe.Updates} incident updates in all");
        return probe.Delays.Count == 0
            ? ("nan", "nan", " (no incident update named a new alert's resource: the correlator creates no incidents from alerts yet)")
            : (ResultLine.Number(probe.Delays.Percentile(0.5)), ResultLine.Number(probe.Delays.Percentile(0.99)), "");
    }

    private static async Task<LoadResult> SendAllAsync(HttpClient client, byte[][] bodies, int concurrency, CancellationToken cancellationToken) =>
        await LoadGenerator.RunAsync(bodies.Length, concurrency, async i =>
        {
            using var response = await client.PostAsync((Uri?)null, Content(bodies[i]), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{client.BaseAddress} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }, cancellationToken);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<(long Rows, long Notifications, long Pending)> StoredAsync(string db)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(db);
        await using var command = dataSource.CreateCommand("SELECT count(*), coalesce(sum(notifications), 0)::bigint, count(*) FILTER (WHERE pending) FROM aiops_alerts");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    // Rows inserted, updated and deleted per table, and transactions committed ("commits"), since the database started.
    private static async Task<Dictionary<string, long>> DatabaseWorkAsync(string db)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(db);
        await using var command = dataSource.CreateCommand(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables UNION ALL " +
            "SELECT 'commits', xact_commit FROM pg_stat_database WHERE datname = current_database()");
        await using var reader = await command.ExecuteReaderAsync();
        var work = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            work[reader.GetString(0)] = reader.GetInt64(1);
        }

        return work;
    }

    private static HttpClient Client(Uri address, string? token, int concurrency)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Cores(LoadResult run, TimeSpan? cpu) => cpu is { } used ? ResultLine.Number(used.TotalSeconds / run.Elapsed.TotalSeconds, 2) : "?";

    private static string Count(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
