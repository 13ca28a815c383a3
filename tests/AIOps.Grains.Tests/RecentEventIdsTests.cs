using AIOps.Grains;

namespace AIOps.Grains.Tests;

/// <summary>The ids a stream consumer remembers to skip redeliveries.</summary>
public sealed class RecentEventIdsTests
{
    [Fact]
    public void KeepsAtLeastTheLastCapacityIdsAndForgetsOlderOnes()
    {
        var recent = new RecentEventIds();
        for (var i = 0; i < 2000; i++)
        {
            Assert.False(recent.Contains($"e{i}"));
            recent.Add($"e{i}");
            Assert.True(recent.Contains($"e{i}"));
        }

        Assert.InRange(recent.Ids.Count, RecentEventIds.Capacity, RecentEventIds.Capacity + (RecentEventIds.Capacity / 4));
        Assert.All(Enumerable.Range(2000 - RecentEventIds.Capacity, RecentEventIds.Capacity), i => Assert.True(recent.Contains($"e{i}")));
        Assert.False(recent.Contains("e0"));
        Assert.False(recent.Contains($"e{2000 - recent.Ids.Count - 1}"));
    }

    [Fact]
    public void IdsReadBackFromStorageAreKnown()
    {
        var recent = new RecentEventIds();
        recent.Add("old");
        Assert.True(recent.Contains("old"));

        // A state read replaces the list (same count, other ids).
        recent.Ids = ["stored"];
        Assert.True(recent.Contains("stored"));
        Assert.False(recent.Contains("old"));
        recent.Ids.Add("appended");
        Assert.True(recent.Contains("appended"));
    }
}
