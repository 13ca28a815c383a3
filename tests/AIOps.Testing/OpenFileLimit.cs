using System.Runtime.InteropServices;

namespace AIOps.Testing;

/// <summary>
/// The process's open-file limit (<c>ulimit -n</c>). A SignalR client holds one socket per connection (WebSockets,
/// no negotiate), and the silo one per client, so load tests raise the soft limit up to the hard one; child processes
/// (the silo) inherit it.
/// </summary>
public static partial class OpenFileLimit
{
    private const int RlimitNoFile = 7;

    /// <summary>Raises the soft limit to at least <paramref name="wanted"/> if the hard limit allows; returns (soft, hard) afterwards.</summary>
    public static (ulong Soft, ulong Hard) Raise(ulong wanted)
    {
        if (!OperatingSystem.IsLinux() || GetLimit(RlimitNoFile, out var limit) != 0)
        {
            return (0, 0);
        }

        if (limit.Soft < wanted)
        {
            var raised = limit with { Soft = Math.Min(wanted, limit.Hard) };
            if (SetLimit(RlimitNoFile, in raised) == 0)
            {
                limit = raised;
            }
        }

        return (limit.Soft, limit.Hard);
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, in ResourceLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private record struct ResourceLimit(ulong Soft, ulong Hard);
}
