using AIOps.Logs;

namespace AIOps.Logs.Tests;

public sealed class LogTemplateSimilarityTests
{
    [Fact]
    public void Identical_templates_score_one_and_disjoint_ones_zero()
    {
        Assert.Equal(1.0, LogTemplateSimilarity.Jaccard("disk <*> is full", "disk <*> is full"));
        Assert.Equal(0.0, LogTemplateSimilarity.Jaccard("disk <*> is full", "connection refused"));
    }

    [Fact]
    public void Wildcards_are_ignored_and_shared_words_count()
    {
        // {disk, is, full} vs {disk, is, almost, full}: 3 shared of 4.
        Assert.Equal(0.75, LogTemplateSimilarity.Jaccard("disk <*> is full", "disk <*> is almost full <*>"), 12);
    }

    [Fact]
    public void Template_sets_compare_by_text()
    {
        LogTemplate[] a = [new(1, "disk <*> is full"), new(2, "connection refused")];
        LogTemplate[] b = [new(9, "disk <*> is full")];

        Assert.Equal(0.5, LogTemplateSimilarity.Jaccard(a, b), 12);
    }
}
