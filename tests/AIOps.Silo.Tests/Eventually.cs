namespace AIOps.Silo.Tests;

/// <summary>Polls a probe until it returns a value or the time is up (then fails the test, saying what was awaited).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The first value <paramref name="probe"/> returns (null means "not yet").</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan? within = null, Func<string>? explain = null)
        where T : struct
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time." + (explain is null ? "" : "\n" + explain()));
            await Task.Delay(Poll);
        }
    }

    /// <summary>The first object <paramref name="probe"/> returns (null means "not yet").</summary>
    public static async Task<T> WaitForObjectAsync<T>(Func<Task<T?>> probe, TimeSpan? within = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(Poll);
        }
    }
}
