using System.Collections.Immutable;
using AIOps.Incidents.Models;

namespace AIOps.Incidents.Training;

/// <summary>Precision and recall from (actual, predicted) pairs.</summary>
internal static class ClassificationMetrics
{
    public static ModelMetrics Compute(int folds, IReadOnlyCollection<(string Actual, string Predicted)> outcomes)
    {
        var labels = outcomes.Select(o => o.Actual).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var classes = labels.Select(label =>
        {
            var support = outcomes.Count(o => o.Actual == label);
            var predicted = outcomes.Count(o => o.Predicted == label);
            var correct = outcomes.Count(o => o.Actual == label && o.Predicted == label);
            return new ClassMetrics(label, predicted == 0 ? 0 : (double)correct / predicted, support == 0 ? 0 : (double)correct / support, support);
        }).ToImmutableArray();
        var accuracy = outcomes.Count == 0 ? 0 : (double)outcomes.Count(o => o.Actual == o.Predicted) / outcomes.Count;
        return new ModelMetrics(
            folds,
            accuracy,
            classes.Length == 0 ? 0 : classes.Average(c => c.Precision),
            classes.Length == 0 ? 0 : classes.Average(c => c.Recall),
            classes);
    }
}
