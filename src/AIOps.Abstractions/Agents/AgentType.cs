namespace AIOps.Abstractions.Agents;

/// <summary>The four kinds of agent the platform runs.</summary>
public enum AgentType
{
    /// <summary>Drift detection, plan/apply, dependency analysis, state backup.</summary>
    Terraform = 0,

    /// <summary>Demand forecasting, predictive scaling, right-sizing, anomaly detection.</summary>
    Kubernetes = 1,

    /// <summary>Alert correlation, classification, runbooks, root-cause analysis.</summary>
    IncidentResponse = 2,

    /// <summary>Right-sizing, reserved capacity, waste, spend anomalies.</summary>
    CostOptimization = 3,
}
