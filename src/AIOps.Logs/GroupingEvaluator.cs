namespace AIOps.Logs;

/// <summary>Scores a grouping of log lines against ground-truth groups: GA, pairwise F1 and FGA (see <see cref="GroupingScores"/>).</summary>
public static class GroupingEvaluator
{
    /// <summary>Scores <paramref name="predicted"/> (one group key per line) against <paramref name="truth"/> (likewise).</summary>
    public static GroupingScores Score<TTruth, TPredicted>(IReadOnlyList<TTruth> truth, IReadOnlyList<TPredicted> predicted)
        where TTruth : notnull
        where TPredicted : notnull
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predicted ones.", nameof(predicted));
        }

        var truthSizes = new Dictionary<TTruth, int>();
        var predictedSizes = new Dictionary<TPredicted, int>();
        var cells = new Dictionary<(TTruth, TPredicted), int>();
        for (var i = 0; i < truth.Count; i++)
        {
            truthSizes[truth[i]] = truthSizes.GetValueOrDefault(truth[i]) + 1;
            predictedSizes[predicted[i]] = predictedSizes.GetValueOrDefault(predicted[i]) + 1;
            cells[(truth[i], predicted[i])] = cells.GetValueOrDefault((truth[i], predicted[i])) + 1;
        }

        // A parsed group equals a true group exactly when their overlap is the whole of both.
        var correctLines = 0;
        var correctGroups = 0;
        foreach (var ((t, p), n) in cells)
        {
            if (n == truthSizes[t] && n == predictedSizes[p])
            {
                correctLines += n;
                correctGroups++;
            }
        }

        var samePairs = cells.Values.Sum(Pairs);
        var predictedPairs = predictedSizes.Values.Sum(Pairs);
        var truePairs = truthSizes.Values.Sum(Pairs);
        var precision = predictedPairs == 0 ? 1.0 : samePairs / predictedPairs;
        var recall = truePairs == 0 ? 1.0 : samePairs / truePairs;
        var groupPrecision = predictedSizes.Count == 0 ? 0 : (double)correctGroups / predictedSizes.Count;
        var groupRecall = truthSizes.Count == 0 ? 0 : (double)correctGroups / truthSizes.Count;
        return new GroupingScores(
            truth.Count,
            truth.Count == 0 ? 0 : (double)correctLines / truth.Count,
            precision,
            recall,
            F1(precision, recall),
            F1(groupPrecision, groupRecall),
            truthSizes.Count,
            predictedSizes.Count,
            correctGroups);
    }

    private static double Pairs(int n) => n * (n - 1.0) / 2;

    private static double F1(double precision, double recall) =>
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}
