namespace AIOps.Grains.Alerts;

/// <summary>
/// One row write of an <see cref="AlertBatch"/>: consecutive notifications of one alert with the same status,
/// collapsed into the latest of them.
/// </summary>
/// <param name="Last">The latest notification of the run; its values are stored.</param>
/// <param name="Occurrences">How many notifications the run holds.</param>
/// <param name="FirstReceivedAt">When the first of them was received.</param>
public sealed record AlertWrite(AlertNotification Last, int Occurrences, DateTimeOffset FirstReceivedAt);
