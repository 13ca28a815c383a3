namespace AIOps.Simulation.Inventory;

/// <summary>A watch cursor the simulated estate cannot resume from (too old, or not one it issued): the caller must list again.</summary>
/// <param name="cursor">The cursor.</param>
/// <param name="message">Why.</param>
public sealed class InventoryCursorExpiredException(string cursor, string message) : Exception(message)
{
    /// <summary>The cursor that cannot be resumed.</summary>
    public string Cursor { get; } = cursor;
}
