namespace ImageUpdater.Annotations.Tests.AnnotationParsing;

public class GoBoolTests
{
    [Fact]
    public void Accepts_exactly_the_go_forms()
    {
        string[] accepted = ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"];
        foreach (var text in accepted)
        {
            Assert.True(GoBool.TryParse(text, out _), text);
        }

        foreach (var text in new[] { "", " true", "tRue", "yes", "no", "y", "on", "01", null })
        {
            Assert.False(GoBool.TryParse(text, out _), text);
        }
    }
}
