using System.Net;

namespace AIOps.Metrics.Prometheus;

/// <summary>Prometheus answered a query with an error (<c>"status":"error"</c>) or with something that is not its API's JSON.</summary>
public sealed class PrometheusQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, including Prometheus' own error text.</param>
    /// <param name="errorType">Prometheus' <c>errorType</c> (<c>bad_data</c>, <c>timeout</c>, <c>execution</c>, ...), or null when it sent none.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    public PrometheusQueryException(string message, string? errorType, HttpStatusCode statusCode)
        : base(message)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
    }

    /// <summary>Prometheus' <c>errorType</c>, or null when the answer carried none.</summary>
    public string? ErrorType { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }
}
