namespace AIOps.Abstractions.Events;

/// <summary>Event types the core grains understand.</summary>
public static class EventTypes
{
    /// <summary>A fresh observation of a resource: <see cref="SystemEvent.Data"/> holds observed attributes, and <c>health</c> if known.</summary>
    public const string ResourceObserved = "resource.observed";
}
