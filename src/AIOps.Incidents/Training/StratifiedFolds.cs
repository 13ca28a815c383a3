namespace AIOps.Incidents.Training;

/// <summary>
/// Assigns examples to k folds so each fold has about the same share of every class, keeping the examples of one
/// incident (its <see cref="LabeledEvidence.Group"/>) together: a fold is never scored on an incident it trained on.
/// </summary>
internal static class StratifiedFolds
{
    public static int[] Assign(IReadOnlyList<LabeledEvidence> examples, int k, int seed)
    {
        var fold = new int[examples.Count];
        var random = new Random(seed);
        var groupFold = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var groups = examples.Where(e => e.Label == label).Select(e => e.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            random.Shuffle(groups);
            var offset = random.Next(k);
            for (var i = 0; i < groups.Length; i++)
            {
                groupFold[groups[i]] = (i + offset) % k;
            }
        }

        for (var i = 0; i < examples.Count; i++)
        {
            fold[i] = groupFold[examples[i].Group];
        }

        return fold;
    }
}
