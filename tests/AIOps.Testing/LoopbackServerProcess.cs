using System.Diagnostics;
using System.Text;

namespace AIOps.Testing;

/// <summary>
/// A server binary from the machine run as a child process on loopback with a temp data folder: captures its output,
/// waits for an HTTP readiness path, and kills it and removes the folder on dispose.
/// </summary>
public sealed class LoopbackServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    private LoopbackServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's HTTP address (ends with a slash).</summary>
    public Uri BaseAddress { get; }

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

    /// <summary>Finds <paramref name="binary"/> on PATH (or as an absolute path); throws with <paramref name="installHint"/> if missing.</summary>
    public static string Locate(string binary, string installHint)
    {
        if (Path.IsPathRooted(binary))
        {
            return File.Exists(binary) ? binary : throw new InvalidOperationException($"{binary} was not found. {installHint}");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(directory, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{binary}' was not found on PATH. {installHint}");
    }

    /// <summary>Starts <paramref name="executable"/> and returns once <paramref name="readyPath"/> answers 2xx.</summary>
    /// <param name="executable">Full path of the binary.</param>
    /// <param name="arguments">Its arguments; <paramref name="dataDirectory"/> already exists when they are used.</param>
    /// <param name="dataDirectory">Temp folder the server owns; deleted on dispose.</param>
    /// <param name="port">Loopback port the arguments make it listen on.</param>
    /// <param name="readyPath">Relative path that answers 2xx once the server is ready.</param>
    /// <param name="readyWithin">How long to wait; 60 s by default.</param>
    public static async Task<LoopbackServerProcess> StartAsync(
        string executable, IEnumerable<string> arguments, string dataDirectory, int port, string readyPath, TimeSpan? readyWithin = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new LoopbackServerProcess(process, dataDirectory, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(readyPath, readyWithin ?? TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still being closed by the dying process; the folder is in the temp directory anyway.
            }
        }
    }

    private async Task WaitUntilReadyAsync(string readyPath, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(readyPath);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{_process.StartInfo.FileName} did not answer {readyPath} within {within}:\n{Output}");
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
}
