namespace AIOps.Logs;

/// <summary>How well a parser's grouping of lines agrees with the ground truth.</summary>
/// <param name="Lines">Lines scored.</param>
/// <param name="GroupingAccuracy">Share of lines whose parsed group holds exactly the lines of their true group (GA).</param>
/// <param name="PairwisePrecision">Of the line pairs the parser put together, the share that belong together.</param>
/// <param name="PairwiseRecall">Of the line pairs that belong together, the share the parser put together.</param>
/// <param name="PairwiseF1">Harmonic mean of the pairwise precision and recall (logparser's F1_measure).</param>
/// <param name="GroupF1">FGA: F1 of correct groups over parsed groups and over true groups.</param>
/// <param name="ExpectedGroups">Groups in the ground truth.</param>
/// <param name="FoundGroups">Groups the parser made.</param>
/// <param name="CorrectGroups">Parsed groups equal to a true group.</param>
public sealed record GroupingScores(
    int Lines,
    double GroupingAccuracy,
    double PairwisePrecision,
    double PairwiseRecall,
    double PairwiseF1,
    double GroupF1,
    int ExpectedGroups,
    int FoundGroups,
    int CorrectGroups);
