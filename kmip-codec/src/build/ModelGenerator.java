/** Placeholder until the model schema lands: creates the output folder and nothing else. */
public class ModelGenerator {
    public static void main(String[] args) throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[2]));
    }
}
