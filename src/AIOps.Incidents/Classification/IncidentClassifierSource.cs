using AIOps.Abstractions.Incidents;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Classification;

/// <summary>
/// The classifier currently in use, swapped atomically when a new model version is loaded. Until a model exists it
/// classifies with the catalog alone.
/// </summary>
public sealed class IncidentClassifierSource(IncidentTypeCatalog catalog)
{
    private IncidentClassifier _current = new(catalog);

    /// <summary>The classifier in use.</summary>
    public IncidentClassifier Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="classifier"/> in use.</summary>
    public void Use(IncidentClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        Volatile.Write(ref _current, classifier);
    }

    /// <summary>Classifies with the classifier in use.</summary>
    public IncidentClassification Classify(IncidentEvidence evidence) => Current.Classify(evidence);
}
