using System.Globalization;

namespace AIOps.Silo.Tests;

/// <summary>CloudWatch alarm state changes as CloudWatch publishes them to SNS (the notification's <c>Message</c>).</summary>
internal static class SnsAlarmPayloads
{
    public const string Account = "123456789012";
    public const string Topic = "arn:aws:sns:eu-west-1:123456789012:ops-alarms";
    public const string Ec2AlarmArn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-prod-007-cpu-high";
    public const string MathAlarmArn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-alb-5xx-rate";
    public const string CompositeAlarmArn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-degraded";

    /// <summary>CloudWatch's own time format: milliseconds and an offset without a colon.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    /// <summary>A metric alarm on one EC2 instance's CPU.</summary>
    public static string Ec2Cpu(string state, string oldState, DateTimeOffset at, string instanceId = "i-0c986c72aa11bb22c", string arn = Ec2AlarmArn) =>
        Ec2Cpu(state, oldState, at, instanceId, arn, arn[(arn.LastIndexOf(':') + 1)..]);

    private static string Ec2Cpu(string state, string oldState, DateTimeOffset at, string instanceId, string arn, string name) => $$$"""
        {"AlarmName":"{{{name}}}","AlarmDescription":"CPU above 80% on web-prod-007 for 5 minutes. severity=critical runbook=https://wiki.example/cpu","AWSAccountId":"{{{Account}}}","AlarmConfigurationUpdatedTimestamp":"2026-11-20T08:12:44.121+0000","NewStateValue":"{{{state}}}","NewStateReason":"Threshold Crossed: 1 out of the last 1 datapoints [93.41666666666667 (26/11/26 09:55:00)] was greater than the threshold (80.0) (minimum 1 datapoint for OK -> ALARM transition).","StateChangeTime":"{{{Time(at)}}}","Region":"EU (Ireland)","AlarmArn":"{{{arn}}}","OldStateValue":"{{{oldState}}}","OKActions":["{{{Topic}}}"],"AlarmActions":["{{{Topic}}}"],"InsufficientDataActions":["{{{Topic}}}"],"Trigger":{"MetricName":"CPUUtilization","Namespace":"AWS/EC2","StatisticType":"Statistic","Statistic":"AVERAGE","Unit":null,"Dimensions":[{"value":"{{{instanceId}}}","name":"InstanceId"}],"Period":300,"EvaluationPeriods":1,"DatapointsToAlarm":1,"ComparisonOperator":"GreaterThanThreshold","Threshold":80.0,"TreatMissingData":"missing","EvaluateLowSampleCountPercentile":""}}
        """;

    /// <summary>A metric-math alarm: the 5xx rate of an application load balancer, from two metrics.</summary>
    public static string AlbErrorRate(string state, string oldState, DateTimeOffset at) => $$$"""
        {"AlarmName":"shop-alb-5xx-rate","AlarmDescription":"5xx rate above 5% on the shop load balancer","AWSAccountId":"{{{Account}}}","AlarmConfigurationUpdatedTimestamp":"2026-11-18T16:02:10.554+0000","NewStateValue":"{{{state}}}","NewStateReason":"Threshold Crossed: 2 out of the last 3 datapoints [7.9 (26/11/26 09:54:00), 6.2 (26/11/26 09:53:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).","StateChangeTime":"{{{Time(at)}}}","Region":"EU (Ireland)","AlarmArn":"{{{MathAlarmArn}}}","OldStateValue":"{{{oldState}}}","OKActions":[],"AlarmActions":["{{{Topic}}}"],"InsufficientDataActions":[],"Trigger":{"Period":60,"EvaluationPeriods":3,"DatapointsToAlarm":2,"ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,"TreatMissingData":"notBreaching","EvaluateLowSampleCountPercentile":"","Metrics":[{"Expression":"100 * errors / requests","Id":"e1","Label":"5xx rate","ReturnData":true},{"Id":"errors","MetricStat":{"Metric":{"Dimensions":[{"value":"app/shop-prod/50dc6c495c0c9188","name":"LoadBalancer"}],"MetricName":"HTTPCode_Target_5XX_Count","Namespace":"AWS/ApplicationELB"},"Period":60,"Stat":"Sum"},"ReturnData":false},{"Id":"requests","MetricStat":{"Metric":{"Dimensions":[{"value":"app/shop-prod/50dc6c495c0c9188","name":"LoadBalancer"}],"MetricName":"RequestCount","Namespace":"AWS/ApplicationELB"},"Period":60,"Stat":"Sum"},"ReturnData":false}]}}
        """;

    /// <summary>A composite alarm over the two above.</summary>
    public static string Composite(string state, string oldState, DateTimeOffset at) => $$$"""
        {"AlarmName":"shop-degraded","AlarmDescription":null,"AWSAccountId":"{{{Account}}}","NewStateValue":"{{{state}}}","NewStateReason":"{{{MathAlarmArn}}} transitioned to ALARM at Thursday 26 November, 2026 09:55:00 UTC","StateChangeTime":"{{{Time(at)}}}","Region":"EU (Ireland)","AlarmArn":"{{{CompositeAlarmArn}}}","OKActions":[],"AlarmActions":["{{{Topic}}}"],"InsufficientDataActions":[],"OldStateValue":"{{{oldState}}}","AlarmRule":"ALARM(shop-alb-5xx-rate) OR ALARM(web-prod-007-cpu-high)","TriggeringChildren":[{"Arn":"{{{MathAlarmArn}}}","State":{"Value":"ALARM","Timestamp":"{{{Time(at)}}}"}}]}
        """;
}
