// Exits 0 when a Kafka client can use the broker given as host:port: Kafka's own AdminClient describes the
// cluster (at least one broker) and lists topics. The fallback of scripts/infra/lib-kafka.sh when the repo's
// node_modules (kafkajs) is not installed yet. Run with Java's source launcher:
//   java -cp '.infra/kafka/libs/*' scripts/infra/KafkaReady.java 127.0.0.1:9092
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

public class KafkaReady {
  public static void main(String[] args) {
    String broker = args.length > 0 ? args[0] : "127.0.0.1:9092";
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "birgemiz-infra-ready");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
    try (Admin admin = Admin.create(props)) {
      int brokers = admin.describeCluster().nodes().get(8, TimeUnit.SECONDS).size();
      if (brokers == 0) {
        System.err.println("KafkaReady: no broker registered yet");
        System.exit(1);
      }
      admin.listTopics().names().get(8, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("KafkaReady: " + broker + ": " + e);
      System.exit(1);
    }
    System.exit(0);
  }
}
