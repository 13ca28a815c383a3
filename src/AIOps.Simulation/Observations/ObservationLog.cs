namespace AIOps.Simulation.Observations;

/// <summary>A bounded log: appends get increasing sequences, the oldest entries fall off past the capacity.</summary>
/// <typeparam name="T">What is logged.</typeparam>
internal sealed class ObservationLog<T>(int capacity)
    where T : class, IObservation
{
    private readonly Queue<T> _items = new();

    public long LastSequence { get; private set; }

    public long NextSequence() => ++LastSequence;

    public void Add(T item)
    {
        _items.Enqueue(item);
        while (_items.Count > capacity)
        {
            _items.Dequeue();
        }
    }

    public IReadOnlyList<T> After(long sequence) => [.. _items.Where(i => i.Sequence > sequence)];
}
