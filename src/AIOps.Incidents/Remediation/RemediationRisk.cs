using System.Globalization;
using AIOps.Abstractions;

namespace AIOps.Incidents.Remediation;

/// <summary>
/// How the predicted success probability feeds an action's risk: at or above <see cref="Confident"/> the runbook's risk
/// stands; below it the risk goes up one level; below <see cref="Doubtful"/> two levels (at most critical). A higher
/// risk makes policy ask a person sooner.
/// </summary>
public static class RemediationRisk
{
    /// <summary>From this probability on, the risk is not raised.</summary>
    public const double Confident = 0.8;

    /// <summary>Below this probability, the risk goes up two levels.</summary>
    public const double Doubtful = 0.5;

    /// <summary>The risk to submit for an action of <paramref name="baseRisk"/> with success probability <paramref name="predictedSuccess"/>.</summary>
    public static RiskLevel Adjust(RiskLevel baseRisk, double? predictedSuccess)
    {
        var raise = predictedSuccess switch
        {
            null => 0,
            >= Confident => 0,
            >= Doubtful => 1,
            _ => 2,
        };
        return (RiskLevel)Math.Min((int)RiskLevel.Critical, (int)baseRisk + raise);
    }

    /// <summary>The probability as parameters and texts carry it, e.g. <c>0.86</c>.</summary>
    public static string Format(double predictedSuccess) => predictedSuccess.ToString("0.00", CultureInfo.InvariantCulture);
}
