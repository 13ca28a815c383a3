namespace AIOps.Metrics.Embedded;

/// <summary>
/// Time-ordered points (or buckets: sum and count) in parallel arrays used as a ring: appends at the end, drops at the start,
/// grows by doubling up to a fixed capacity and then overwrites the oldest entry.
/// </summary>
internal sealed class PointRing
{
    private const int InitialCapacity = 16;
    private readonly int _maxCapacity;
    private readonly bool _counted;
    private long[] _times = [];
    private double[] _sums = [];
    private int[] _counts = [];
    private int _head;

    public PointRing(int maxCapacity, bool counted)
    {
        _maxCapacity = maxCapacity;
        _counted = counted;
    }

    public int Count { get; private set; }

    /// <summary>Time (Unix ms) of the newest entry dropped so far, for capacity or retention; <see cref="long.MinValue"/> if none.</summary>
    public long DroppedThrough { get; private set; } = long.MinValue;

    public long TimeAt(int index) => _times[Slot(index)];

    public double SumAt(int index) => _sums[Slot(index)];

    public int CountAt(int index) => _counted ? _counts[Slot(index)] : 1;

    /// <summary>Appends a raw point; the caller guarantees it is newer than every entry.</summary>
    public void Append(long time, double value) => Push(time, value);

    /// <summary>Adds a value to the bucket starting at <paramref name="bucketStart"/>, which is the newest bucket or newer than all.</summary>
    public void Accumulate(long bucketStart, double value)
    {
        if (Count > 0)
        {
            var last = Slot(Count - 1);
            if (_times[last] == bucketStart)
            {
                _sums[last] += value;
                _counts[last]++;
                return;
            }
        }

        Push(bucketStart, value);
    }

    /// <summary>Drops entries older than <paramref name="cutoff"/> (Unix ms).</summary>
    public void DropBefore(long cutoff)
    {
        while (Count > 0 && _times[_head] < cutoff)
        {
            DropOldest();
        }

        if (Count == 0 && _times.Length > InitialCapacity)
        {
            _times = [];
            _sums = [];
            _counts = [];
            _head = 0;
        }
    }

    /// <summary>Index of the first entry at or after <paramref name="time"/>.</summary>
    public int LowerBound(long time)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (TimeAt(mid) < time)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void Push(long time, double value)
    {
        if (Count == _times.Length)
        {
            if (_times.Length < _maxCapacity)
            {
                Grow();
            }
            else
            {
                DropOldest();
            }
        }

        var slot = Slot(Count);
        _times[slot] = time;
        _sums[slot] = value;
        if (_counted)
        {
            _counts[slot] = 1;
        }

        Count++;
    }

    private void DropOldest()
    {
        DroppedThrough = _times[_head];
        _head = (_head + 1) % _times.Length;
        Count--;
    }

    private void Grow()
    {
        var capacity = Math.Min(_maxCapacity, Math.Max(InitialCapacity, _times.Length * 2));
        var times = new long[capacity];
        var sums = new double[capacity];
        var counts = _counted ? new int[capacity] : [];
        for (var i = 0; i < Count; i++)
        {
            var slot = Slot(i);
            times[i] = _times[slot];
            sums[i] = _sums[slot];
            if (_counted)
            {
                counts[i] = _counts[slot];
            }
        }

        _times = times;
        _sums = sums;
        _counts = counts;
        _head = 0;
    }

    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _times.Length ? slot - _times.Length : slot;
    }
}
