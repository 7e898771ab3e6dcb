CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(100), total_cents BIGINT);
CREATE TABLE order_lines (order_id BIGINT, sku VARCHAR(20), quantity INT);
-- lets the demo run a statement that is really slow on the database side
CREATE ALIAS SLEEP_MS FOR 'java.lang.Thread.sleep(long)';
CREATE TABLE carts (id BIGINT PRIMARY KEY, customer VARCHAR(100), updated_at TIMESTAMP);
