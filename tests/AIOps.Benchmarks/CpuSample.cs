using System.Diagnostics;
using System.Globalization;

namespace AIOps.Benchmarks;

/// <summary>
/// CPU time used so far by this process and by the whole machine (Linux <c>/proc/stat</c>; NaN elsewhere). The
/// difference of two samples tells where the cores went during a run, e.g. this process versus PostgreSQL.
/// </summary>
/// <param name="Process">CPU time of this process.</param>
/// <param name="MachineBusy">Non-idle CPU time of all cores, all processes; null where unknown.</param>
public sealed record CpuSample(TimeSpan Process, TimeSpan? MachineBusy)
{
    // USER_HZ is 100 on every Linux the project runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Samples now.</summary>
    public static CpuSample Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(process.TotalProcessorTime, ReadMachineBusy());
    }

    /// <summary>CPU used between <paramref name="earlier"/> and this sample.</summary>
    public CpuSample Since(CpuSample earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new CpuSample(Process - earlier.Process, MachineBusy - earlier.MachineBusy);
    }

    private static TimeSpan? ReadMachineBusy()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            Debug.WriteLine($"No machine CPU figures: {e.Message}");
            return null;
        }
    }
}
