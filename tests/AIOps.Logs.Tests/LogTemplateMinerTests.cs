using AIOps.Logs;

namespace AIOps.Logs.Tests;

public sealed class LogTemplateMinerTests
{
    [Fact]
    public void Lines_differing_only_in_numbers_share_one_template()
    {
        var miner = new LogTemplateMiner();
        var first = miner.Add("worker 17 finished job in 250 ms");
        var second = miner.Add("worker 3 finished job in 9 ms");
        var other = miner.Add("worker 3 lost its lease");

        Assert.Equal(first.TemplateId, second.TemplateId);
        Assert.NotEqual(first.TemplateId, other.TemplateId);
        // The unit after a number is a value too (250 ms, 1 s); it stays its own wildcard.
        Assert.Equal("worker <*> finished job in <*> <*>", second.Template);
    }

    [Fact]
    public void Values_are_masked_the_same_way_for_every_input()
    {
        var miner = new LogTemplateMiner();
        var match = miner.Add("GET /api/v1/items from 192.168.0.12:8080 id=0x1f3a file=/var/log/app host db.example.com took 12.5 ms on Tue url https://example.org/x");

        Assert.Equal("GET <*> from <*> <*> file=<*> host <*> took <*> <*> on <*> url <*>", match.Template);
    }

    [Fact]
    public void Parameters_are_the_values_at_the_wildcards_in_order()
    {
        var miner = new LogTemplateMiner();
        var match = miner.Add("copied 42 files to /srv/backup/daily for user=svc.backup.example.com");

        Assert.Equal("copied <*> files to <*> for user=<*>", match.Template);
        Assert.Equal(["42", "/srv/backup/daily", "svc.backup.example.com"], match.Parameters);
    }

    [Fact]
    public void A_list_of_values_of_any_length_gives_one_template()
    {
        var miner = new LogTemplateMiner();
        var two = miner.Add("purging blocks blk_101 blk_-202 now");
        var four = miner.Add("purging blocks blk_7 blk_8 blk_-9 blk_10 now");

        Assert.Equal(two.TemplateId, four.TemplateId);
        Assert.Equal(["blk_7 blk_8 blk_-9 blk_10"], four.Parameters);
    }

    [Fact]
    public void Words_that_differ_in_a_few_templates_stay_separate_templates()
    {
        var miner = new LogTemplateMiner();
        var ids = new[] { "Paused", "Resumed", "Stopped" }
            .Select(state => miner.Add($"node 7 entered state {state} after checks").TemplateId)
            .ToList();

        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public void A_word_position_with_many_values_becomes_a_parameter()
    {
        var miner = new LogTemplateMiner();
        var users = new[] { "alice", "bob", "carol", "dave", "erin" };
        var ids = users.Select(u => miner.Add($"session closed for user {u}").TemplateId).ToList();

        var final = ids.Select(id => miner.Resolve(id)).Distinct().ToList();
        Assert.Single(final);
        Assert.True(miner.TryGetTemplate(ids[0], out var template));
        Assert.Equal("session closed for user <*>", template.Text);
        Assert.Equal(["erin"], miner.Match("session closed for user erin")!.Parameters);
    }

    [Fact]
    public void Old_ids_resolve_to_the_merged_template()
    {
        var miner = new LogTemplateMiner();
        var before = miner.Add("session closed for user alice").TemplateId;
        var other = miner.Add("session closed for user bob").TemplateId;
        Assert.NotEqual(before, other);
        foreach (var u in new[] { "carol", "dave" })
        {
            miner.Add($"session closed for user {u}");
        }

        Assert.Equal(miner.Resolve(before), miner.Resolve(other));
        Assert.Equal(Math.Min(before, other), miner.Resolve(other));
        Assert.True(miner.MergeCount >= 1);
        Assert.Equal(4, miner.GetTemplates().Single().Count);
    }

    [Fact]
    public void A_value_in_one_sibling_makes_the_position_a_parameter_at_two()
    {
        var miner = new LogTemplateMiner();
        var empty = miner.Add("accepted peer 10.0.0.1 () on port 22").TemplateId;
        var named = miner.Add("accepted peer 10.0.0.2 (gw.example.com) on port 22").TemplateId;

        Assert.Equal(miner.Resolve(empty), miner.Resolve(named));
    }

    [Fact]
    public void Unrelated_short_lines_do_not_merge_into_an_all_wildcard_template()
    {
        var miner = new LogTemplateMiner();
        var ids = new[] { "starting 1", "stopping 2", "pausing 3", "failing 4", "healing 5", "1 2 3" }
            .Select(l => miner.Add(l).TemplateId)
            .ToList();

        Assert.Equal(ids.Count, ids.Select(id => miner.Resolve(id)).Distinct().Count());
    }

    [Fact]
    public void Match_finds_the_template_without_learning()
    {
        var miner = new LogTemplateMiner();
        var added = miner.Add("cache warmed with 300 entries");

        var match = miner.Match("cache warmed with 12 entries");
        Assert.NotNull(match);
        Assert.Equal(added.TemplateId, match.TemplateId);
        Assert.Equal(["12"], match.Parameters);
        Assert.Null(miner.Match("a line never seen before"));
        Assert.Equal(1, miner.TemplateCount);
        Assert.Equal(1, miner.GetTemplates().Single().Count);
    }

    [Fact]
    public void The_template_count_never_exceeds_the_limit_and_the_least_recent_goes_first()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { MaxTemplates = 3 });
        var kept = miner.Add("alpha event happened").TemplateId;
        var dropped = miner.Add("beta event happened now").TemplateId;
        miner.Add("gamma thing occurred here today");
        miner.Add("alpha event happened");
        miner.Add("delta signal was raised by the monitor");

        Assert.Equal(3, miner.TemplateCount);
        Assert.Equal(1, miner.EvictedCount);
        Assert.Equal(kept, miner.Resolve(kept));
        Assert.Null(miner.Resolve(dropped));
        Assert.False(miner.TryGetTemplate(dropped, out _));
        for (var i = 0; i < 50; i++)
        {
            miner.Add($"distinct message number {new string((char)('a' + (i % 26)), 1 + (i / 26))} seen");
        }

        Assert.Equal(3, miner.TemplateCount);
    }

    [Fact]
    public void Long_messages_are_cut_at_the_token_limit()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { MaxTokens = 4 });
        var match = miner.Add("one two three 4 five six");

        Assert.Equal("one two three <*>", match.Template);
        Assert.Equal(["4 five six"], match.Parameters);
    }

    [Fact]
    public void Bad_settings_name_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogTemplateMiner(new LogTemplateMinerOptions { MinDistinctWords = 1 }));
        Assert.Equal(nameof(LogTemplateMinerOptions.MinDistinctWords), error.ParamName);
    }

    [Fact]
    public async Task Concurrent_adds_agree_on_one_template()
    {
        var miner = new LogTemplateMiner();
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 500).Select(i => miner.Add($"request {t * 1000 + i} served in {i} ms").TemplateId).ToList())));

        Assert.Single(ids.SelectMany(x => x).Select(id => miner.Resolve(id)).Distinct());
        Assert.Equal(4000, miner.GetTemplates().Single().Count);
    }
}
