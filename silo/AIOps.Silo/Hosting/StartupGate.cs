namespace AIOps.Silo.Hosting;

/// <summary>Whether start-up work that requests depend on (the default agents) is done; readiness waits for it.</summary>
internal sealed class StartupGate
{
    private volatile bool _open;

    public bool IsOpen => _open;

    public void Open() => _open = true;
}
