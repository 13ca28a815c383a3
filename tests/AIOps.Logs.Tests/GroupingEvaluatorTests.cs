using AIOps.Logs;

namespace AIOps.Logs.Tests;

public sealed class GroupingEvaluatorTests
{
    [Fact]
    public void A_perfect_grouping_scores_one_whatever_the_labels()
    {
        var scores = GroupingEvaluator.Score(["E1", "E2", "E1", "E3"], [7, 9, 7, 1]);

        Assert.Equal(1.0, scores.GroupingAccuracy);
        Assert.Equal(1.0, scores.PairwiseF1);
        Assert.Equal(1.0, scores.GroupF1);
        Assert.Equal(3, scores.CorrectGroups);
    }

    [Fact]
    public void Only_lines_of_exactly_matching_groups_count()
    {
        // E1 = {0,1,2} is split into {0,1} and {2}; E2 = {3,4} is merged with E3 = {5}; E4 = {6} is right.
        var scores = GroupingEvaluator.Score(["E1", "E1", "E1", "E2", "E2", "E3", "E4"], [1, 1, 2, 3, 3, 3, 4]);

        Assert.Equal(1.0 / 7, scores.GroupingAccuracy, 12);
        Assert.Equal(4, scores.ExpectedGroups);
        Assert.Equal(4, scores.FoundGroups);
        Assert.Equal(1, scores.CorrectGroups);
        Assert.Equal(0.25, scores.GroupF1, 12);

        // Same-group pairs: parsed {0,1},{3,4},{3,5},{4,5} = 4; true {0,1},{0,2},{1,2},{3,4} = 4; shared {0,1},{3,4} = 2.
        Assert.Equal(0.5, scores.PairwisePrecision, 12);
        Assert.Equal(0.5, scores.PairwiseRecall, 12);
        Assert.Equal(0.5, scores.PairwiseF1, 12);
    }

    [Fact]
    public void Lengths_must_agree() =>
        Assert.Throws<ArgumentException>(() => GroupingEvaluator.Score(["E1"], new[] { 1, 2 }));
}
