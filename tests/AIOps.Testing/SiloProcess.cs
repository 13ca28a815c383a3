using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace AIOps.Testing;

/// <summary>
/// The real silo (silo/AIOps.Silo) as a separate OS process on free loopback ports: what an operator runs,
/// so tests can stop it gracefully or kill it with SIGKILL.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int httpPort, int siloPort, int gatewayPort, bool durable)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Tokens = new SiloTokens(BaseAddress, durable);
        Http = As(TestAccounts.Admin);
        Anonymous = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The silo's HTTP address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Client for the silo's HTTP API, with an admin's token from the embedded issuer.</summary>
    public HttpClient Http { get; }

    /// <summary>Client for the silo's HTTP API without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Gets tokens from the silo's embedded issuer for the test accounts.</summary>
    public SiloTokens Tokens { get; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the silo process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the silo; embedded mode unless <paramref name="connectionString"/> is given. Returns once it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string? connectionString = null, IDictionary<string, string>? settings = null, TimeSpan? readyWithin = null)
    {
        var dll = LocateSilo();
        var (http, silo, gateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{http}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AIOps__SiloPort"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["AIOps__GatewayPort"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment.Remove("ConnectionStrings__aiops");
        if (connectionString is not null)
        {
            info.Environment["ConnectionStrings__aiops"] = connectionString;
            foreach (var (key, value) in TestAccounts.DurableSettings())
            {
                info.Environment[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the silo process.");
        var siloProcess = new SiloProcess(process, http, silo, gateway, connectionString is not null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await siloProcess.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            await siloProcess.DisposeAsync();
            throw;
        }

        return siloProcess;
    }

    /// <summary>A client whose calls carry a token for <paramref name="role"/> (viewer, operator, approver, admin).</summary>
    public HttpClient As(string role) =>
        new(new BearerTokenHandler(Tokens, role) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for a graceful exit.</summary>
    public async Task StopAsync(TimeSpan? within = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = SendSignal(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException("The silo did not stop within the time allowed after SIGTERM:\n" + Output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await Task.Yield();
        _process.Dispose();
        Http.Dispose();
        Anonymous.Dispose();
    }

    private static string LocateSilo()
    {
        // Tests run from tests/<Project>/bin/<Configuration>/<tfm>/; the silo is built to silo/AIOps.Silo/bin/<Configuration>/<tfm>/.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AIOps.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Could not find AIOps.sln above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(root.FullName, "silo", "AIOps.Silo", "bin", configuration, tfm, "AIOps.Silo.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first (dotnet build AIOps.sln -c {configuration}).");
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        using var probe = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The silo was not ready within {within}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
