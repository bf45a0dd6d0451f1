/**
 * Listener rendering: what each broker binds, advertises and publishes, and the bootstrap lists
 * handed to clients on the host and on the stack's network.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  brokerHostPort,
  controllerQuorumVoters,
  hostBootstrapServers,
  internalBootstrapServers,
  renderBrokerListeners,
  zookeeperConnect,
  type ListenerLayout,
} from "../../infra/kafka/listeners";

const threeBrokers: ListenerLayout = {
  mode: "zookeeper",
  brokers: 3,
  advertisedHost: "localhost",
  hostPortBase: 9092,
};

describe("broker listeners", () => {
  test("a ZooKeeper-mode broker binds INTERNAL on 29092 and EXTERNAL on its own host port", () => {
    assert.deepEqual(renderBrokerListeners(threeBrokers, 2), {
      listeners: "INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9093",
      advertisedListeners: "INTERNAL://kafka-2:29092,EXTERNAL://localhost:9093",
      securityProtocolMap: "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT",
      hostPort: 9093,
    });
  });

  test("a KRaft broker also binds CONTROLLER on 29093 but does not advertise it", () => {
    const listeners = renderBrokerListeners({ ...threeBrokers, mode: "kraft" }, 1);
    assert.equal(
      listeners.listeners,
      "INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29093",
    );
    assert.equal(listeners.advertisedListeners, "INTERNAL://kafka-1:29092,EXTERNAL://localhost:9092");
    assert.equal(listeners.securityProtocolMap, "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
  });

  test("the EXTERNAL listener advertises the configured host and port base", () => {
    const layout = { ...threeBrokers, advertisedHost: "kafka.lan", hostPortBase: 19092 };
    assert.equal(
      renderBrokerListeners(layout, 3).advertisedListeners,
      "INTERNAL://kafka-3:29092,EXTERNAL://kafka.lan:19094",
    );
    assert.equal(brokerHostPort(layout, 3), 19094);
  });
});

describe("client addresses", () => {
  test("clients on the host bootstrap through every broker's published port", () => {
    assert.equal(hostBootstrapServers(threeBrokers), "localhost:9092,localhost:9093,localhost:9094");
    assert.equal(hostBootstrapServers({ ...threeBrokers, brokers: 1 }), "localhost:9092");
  });

  test("containers bootstrap through every broker's INTERNAL listener", () => {
    assert.equal(internalBootstrapServers(threeBrokers), "kafka-1:29092,kafka-2:29092,kafka-3:29092");
  });

  test("KRaft voters list every broker's controller listener", () => {
    assert.equal(controllerQuorumVoters(threeBrokers), "1@kafka-1:29093,2@kafka-2:29093,3@kafka-3:29093");
  });

  test("zookeeper.connect lists every ensemble node's client port", () => {
    assert.equal(zookeeperConnect(1), "zookeeper-1:2181");
    assert.equal(zookeeperConnect(3), "zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181");
  });
});
