using System.Collections.Immutable;
using System.Text;
using AIOps.Abstractions;
using AIOps.Abstractions.Events;
using AIOps.Silo.Ingestion;

namespace AIOps.Silo.Tests;

/// <summary>The SNS envelope's string to sign and the CloudWatch alarm mapping, as plain code (no silo).</summary>
public sealed class CloudWatchSnsMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 55, 12, 345, TimeSpan.Zero);

    [Fact]
    public void ANotificationSignsMessageIdSubjectTimestampTopicAndTypeInThatOrder()
    {
        var envelope = Envelope("Notification", "{\"a\":\"line1\\nline2\"}", subject: "ALARM: \"web-prod-007-cpu-high\" in EU (Ireland)");
        Assert.Equal(
            "Message\n{\"a\":\"line1\\nline2\"}\nMessageId\nm-1\nSubject\nALARM: \"web-prod-007-cpu-high\" in EU (Ireland)\n"
            + "Timestamp\n2026-11-26T09:55:13.000Z\nTopicArn\narn:aws:sns:eu-west-1:123456789012:ops-alarms\nType\nNotification\n",
            envelope.StringToSign());
    }

    [Fact]
    public void ANotificationWithoutSubjectLeavesTheSubjectOut()
    {
        var signed = Envelope("Notification", "hello").StringToSign();
        Assert.Equal("Message\nhello\nMessageId\nm-1\nTimestamp\n2026-11-26T09:55:13.000Z\nTopicArn\narn:aws:sns:eu-west-1:123456789012:ops-alarms\nType\nNotification\n", signed);
    }

    [Theory]
    [InlineData("SubscriptionConfirmation")]
    [InlineData("UnsubscribeConfirmation")]
    public void AConfirmationSignsSubscribeUrlAndTokenAndNoSubject(string type)
    {
        var body = $$"""
            {"Type":"{{type}}","MessageId":"m-2","Token":"2336412f37fb687f5d51e6e2425c464de","TopicArn":"arn:aws:sns:eu-west-1:123456789012:ops-alarms",
             "Message":"You have chosen to subscribe to the topic arn:aws:sns:eu-west-1:123456789012:ops-alarms.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
             "SubscribeURL":"https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:ops-alarms&Token=2336412f37fb687f5d51e6e2425c464de",
             "Timestamp":"2026-11-26T09:55:13.000Z","SignatureVersion":"2","Signature":"AAAA","SigningCertURL":"https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem"}
            """;
        var envelope = SnsEnvelope.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Equal(
            "Message\nYou have chosen to subscribe to the topic arn:aws:sns:eu-west-1:123456789012:ops-alarms.\nTo confirm the subscription, visit the SubscribeURL included in this message.\n"
            + "MessageId\nm-2\nSubscribeURL\nhttps://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:ops-alarms&Token=2336412f37fb687f5d51e6e2425c464de\n"
            + "Timestamp\n2026-11-26T09:55:13.000Z\nToken\n2336412f37fb687f5d51e6e2425c464de\nTopicArn\narn:aws:sns:eu-west-1:123456789012:ops-alarms\nType\n" + type + "\n",
            envelope.StringToSign());
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("""{"Type":"Notice"}""", "Type")]
    [InlineData("""{"Type":"Notification","MessageId":"m","TopicArn":"t","Message":"x","Timestamp":"2026-11-26T09:55:13.000Z","SignatureVersion":"3"}""", "SignatureVersion")]
    [InlineData("""{"Type":"Notification","MessageId":"m","TopicArn":"t","Message":"x","Timestamp":"2026-11-26T09:55:13.000Z","SignatureVersion":"1","SigningCertURL":"u"}""", "Signature")]
    [InlineData("""{"Type":"Notification","MessageId":"m","TopicArn":"t","Message":{"AlarmName":"x"},"Timestamp":"t","SignatureVersion":"1","Signature":"s","SigningCertURL":"u"}""", "Message")]
    [InlineData("""{"Type":"SubscriptionConfirmation","MessageId":"m","TopicArn":"t","Message":"x","Timestamp":"t","SignatureVersion":"1","Signature":"s","SigningCertURL":"u","Token":"k"}""", "SubscribeURL")]
    public void AnEnvelopeThatIsNotAnSnsMessageNamesTheField(string body, string field)
    {
        var error = Assert.Throws<ValidationException>(() => SnsEnvelope.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void AnEc2AlarmFiresOnTheInstanceWithItsLabelsAndTheSeverityFromItsDescription()
    {
        var events = Map(SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", At));
        var alert = Assert.Single(events);
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(SnsAlarmPayloads.Ec2AlarmArn))[..8]);
        Assert.Equal($"dev-ingest:{fingerprint}:{At.ToUnixTimeMilliseconds()}:alarm", alert.Id);
        Assert.Equal((EventTypes.AlertFiring, Severity.Critical, At, fingerprint), (alert.Type, alert.Severity, alert.Timestamp, alert.CorrelationId));
        Assert.Equal("aws:ec2:eu-west-1:i-0c986c72aa11bb22c", alert.ResourceId);
        var expected = new Dictionary<string, string?>
        {
            ["alertname"] = "web-prod-007-cpu-high",
            ["namespace"] = "AWS/EC2",
            ["metric"] = "CPUUtilization",
            ["statistic"] = "AVERAGE",
            ["threshold"] = "80.0",
            ["comparison"] = "GreaterThanThreshold",
            ["dimension.InstanceId"] = "i-0c986c72aa11bb22c",
            ["region"] = "eu-west-1",
            ["region_name"] = "EU (Ireland)",
            ["account"] = "123456789012",
            ["resource_id"] = "aws:ec2:eu-west-1:i-0c986c72aa11bb22c",
            ["severity"] = "critical",
            ["state"] = "alarm",
            ["old_state"] = "ok",
            ["fingerprint"] = fingerprint,
            ["alarm_type"] = "metric",
            ["topic_arn"] = SnsAlarmPayloads.Topic,
        };
        Assert.Equal(expected, expected.ToDictionary(e => e.Key, e => alert.Data.GetValueOrDefault(e.Key)));
        Assert.StartsWith("Threshold Crossed", alert.Data["annotation.summary"], StringComparison.Ordinal);
    }

    [Fact]
    public void OkResolvesTheSameAlertWithANewId()
    {
        var firing = Assert.Single(Map(SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", At)));
        var resolved = Assert.Single(Map(SnsAlarmPayloads.Ec2Cpu("OK", "ALARM", At.AddMinutes(10))));
        Assert.Equal(EventTypes.AlertResolved, resolved.Type);
        Assert.Equal(firing.Data["fingerprint"], resolved.Data["fingerprint"]);
        Assert.EndsWith(":ok", resolved.Id, StringComparison.Ordinal);
        Assert.NotEqual(firing.Id, resolved.Id);
    }

    [Fact]
    public void InsufficientDataIsALowAlertOfItsOwnThatTheNextOkOrAlarmResolves()
    {
        var noData = Assert.Single(Map(SnsAlarmPayloads.Ec2Cpu("INSUFFICIENT_DATA", "OK", At)));
        Assert.Equal((EventTypes.AlertFiring, Severity.Low, "insufficient_data"), (noData.Type, noData.Severity, noData.Data["state"]));
        var alarmFingerprint = Assert.Single(Map(SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", At))).Data["fingerprint"];
        Assert.NotEqual(alarmFingerprint, noData.Data["fingerprint"]);
        Assert.Equal(alarmFingerprint, noData.CorrelationId);

        var alarm = Map(SnsAlarmPayloads.Ec2Cpu("ALARM", "INSUFFICIENT_DATA", At.AddMinutes(5)));
        Assert.Equal([(EventTypes.AlertFiring, alarmFingerprint), (EventTypes.AlertResolved, noData.Data["fingerprint"])], alarm.Select(e => (e.Type, e.Data["fingerprint"])));
        var ok = Map(SnsAlarmPayloads.Ec2Cpu("OK", "INSUFFICIENT_DATA", At.AddMinutes(5)));
        Assert.Equal([(EventTypes.AlertResolved, alarmFingerprint), (EventTypes.AlertResolved, noData.Data["fingerprint"])], ok.Select(e => (e.Type, e.Data["fingerprint"])));
        Assert.Equal(ok.Count, ok.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void AMetricMathAlarmNamesItsExpressionMetricsAndTheLoadBalancer()
    {
        var alert = Assert.Single(Map(SnsAlarmPayloads.AlbErrorRate("ALARM", "OK", At)));
        Assert.Equal("metric_math", alert.Data["alarm_type"]);
        Assert.Equal("100 * errors / requests", alert.Data["expression"]);
        Assert.Equal("5xx rate", alert.Data["metric"]);
        Assert.Equal("HTTPCode_Target_5XX_Count,RequestCount", alert.Data["metrics"]);
        Assert.Equal("AWS/ApplicationELB", alert.Data["namespace"]);
        Assert.Equal("app/shop-prod/50dc6c495c0c9188", alert.Data["dimension.LoadBalancer"]);
        Assert.Equal("aws:elb:eu-west-1:shop-prod", alert.ResourceId);
        Assert.Equal(Severity.High, alert.Severity);
    }

    [Fact]
    public void ACompositeAlarmKeepsItsRuleAndTriggeringChildrenAndClaimsNoResource()
    {
        var alert = Assert.Single(Map(SnsAlarmPayloads.Composite("ALARM", "OK", At)));
        Assert.Equal("composite", alert.Data["alarm_type"]);
        Assert.Equal("ALARM(shop-alb-5xx-rate) OR ALARM(web-prod-007-cpu-high)", alert.Data["alarm_rule"]);
        Assert.Equal(SnsAlarmPayloads.MathAlarmArn, alert.Data["triggering_children"]);
        Assert.Null(alert.ResourceId);
        Assert.Equal("shop-degraded", alert.Data["alertname"]);
    }

    [Fact]
    public void AMessageAttributeSetsTheSeverityBeforeTheDescription()
    {
        var envelope = Envelope("Notification", SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", At)) with
        {
            MessageAttributes = ImmutableDictionary<string, string>.Empty.Add("severity", "warning"),
        };
        Assert.Equal(Severity.Medium, Assert.Single(CloudWatchAlarms.FromNotification("dev-ingest", envelope, Severity.High, "severity")).Severity);
    }

    [Fact]
    public void MetricsThatDisagreeOnAnInstanceClaimNoResource()
    {
        var dimensions = new Dictionary<string, string> { ["InstanceId"] = "i-01,i-02" };
        Assert.Null(CloudWatchAlarms.ResourceId("eu-west-1", dimensions));
        Assert.Equal("aws:ebs:us-east-1:vol-0abc", CloudWatchAlarms.ResourceId("us-east-1", new Dictionary<string, string> { ["VolumeId"] = "vol-0abc" }));
    }

    [Theory]
    [InlineData("""{"hello":"world"}""", "Message")]
    [InlineData("plain text published to the topic", "Message")]
    [InlineData("""{"AlarmName":"a","AlarmArn":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a","NewStateValue":"BROKEN","StateChangeTime":"2026-11-26T09:55:12.345+0000"}""", "Message.NewStateValue")]
    [InlineData("""{"AlarmName":"a","AlarmArn":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a","NewStateValue":"OK","StateChangeTime":"yesterday"}""", "Message.StateChangeTime")]
    [InlineData("""{"AlarmName":"a","AlarmArn":"arn:aws:sns:eu-west-1:123456789012:a","NewStateValue":"OK","StateChangeTime":"2026-11-26T09:55:12.345+0000"}""", "Message.AlarmArn")]
    public void AMessageThatIsNotACloudWatchAlarmNamesTheField(string message, string field)
    {
        var error = Assert.Throws<ValidationException>(() => Map(message));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void CloudWatchTimesWithACompactOffsetAreRead() =>
        Assert.Equal(At, CloudWatchAlarms.ParseTime("2026-11-26T09:55:12.345+0000"));

    private static IReadOnlyList<SystemEvent> Map(string message) =>
        CloudWatchAlarms.FromNotification("dev-ingest", Envelope("Notification", message), Severity.High, "severity");

    private static SnsEnvelope Envelope(string type, string message, string? subject = null) =>
        new(type, "m-1", SnsAlarmPayloads.Topic, subject, message, "2026-11-26T09:55:13.000Z", "1", "AAAA", "https://sns.eu-west-1.amazonaws.com/x.pem",
            null, null, null, ImmutableDictionary<string, string>.Empty);
}
