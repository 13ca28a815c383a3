namespace AIOps.Grains.Execution;

/// <summary>No planner is registered for an action's type, so nothing knows how to carry it out.</summary>
public sealed class UnknownActionTypeException : InvalidOperationException
{
    /// <summary>Creates the error naming the type and the types that are known.</summary>
    public UnknownActionTypeException(string actionType, IEnumerable<string> knownTypes)
        : base(Describe(actionType, knownTypes))
    {
        ActionType = actionType;
    }

    /// <summary>Creates the error.</summary>
    public UnknownActionTypeException()
        : this("", [])
    {
    }

    /// <summary>Creates the error with a message for people.</summary>
    public UnknownActionTypeException(string message)
        : base(message)
    {
        ActionType = "";
    }

    /// <summary>Creates the error with a message and its cause.</summary>
    public UnknownActionTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
        ActionType = "";
    }

    /// <summary>The type nobody plans.</summary>
    public string ActionType { get; }

    private static string Describe(string actionType, IEnumerable<string> knownTypes)
    {
        var known = knownTypes.Order(StringComparer.Ordinal).ToList();
        return $"no planner is registered for action type '{actionType}'; registered types: "
            + (known.Count == 0 ? "none" : string.Join(", ", known)) + ".";
    }
}
